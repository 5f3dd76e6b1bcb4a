package org.komar.infra;

/** A schema registry the platform or a test talks to: the local Apicurio Registry or an external one. */
public interface SchemaRegistry extends AutoCloseable {

  /** Base URL, such as {@code http://127.0.0.1:18080}. */
  String url();

  /** Apicurio's own API, which Apicurio's serdes use ({@code apicurio.registry.url}). */
  default String registryApiUrl() {
    return url() + "/apis/registry/v3";
  }

  /** The Confluent-compatible API, for any Confluent-ecosystem client. */
  default String confluentCompatibleUrl() {
    return url() + "/apis/ccompat/v7";
  }

  @Override
  void close();
}
