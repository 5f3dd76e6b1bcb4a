package org.komar.infra;

import java.util.HashMap;
import java.util.Map;

/** Infrastructure run by someone else (a managed Kafka, a shared registry or database): used, never stopped. */
public final class External {

  private External() {
  }

  /** A Kafka cluster reached with the given client settings (bootstrap servers and any security settings). */
  public record Kafka(Map<String, Object> clientSettings) implements KafkaCluster {

    public Kafka {
      clientSettings = Map.copyOf(clientSettings);
    }

    /**
     * Client settings from the same environment variables the services read: {@code KAFKA_BOOTSTRAP_SERVERS},
     * and for a secured cluster {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
     * {@code KAFKA_SASL_JAAS_CONFIG}.
     */
    public static Kafka fromEnvironment(Map<String, String> environment) {
      Map<String, Object> settings = new HashMap<>();
      settings.put("bootstrap.servers", environment.get("KAFKA_BOOTSTRAP_SERVERS"));
      copy(environment, "KAFKA_SECURITY_PROTOCOL", settings, "security.protocol");
      copy(environment, "KAFKA_SASL_MECHANISM", settings, "sasl.mechanism");
      copy(environment, "KAFKA_SASL_JAAS_CONFIG", settings, "sasl.jaas.config");
      return new Kafka(settings);
    }

    private static void copy(Map<String, String> environment, String variable, Map<String, Object> settings,
        String key) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        settings.put(key, value);
      }
    }

    @Override
    public String bootstrapServers() {
      return (String) clientSettings.get("bootstrap.servers");
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
      // The JAAS configuration holds a password: never print it.
      return "external Kafka at " + bootstrapServers();
    }
  }

  /** A schema registry at a base URL such as {@code https://registry.example.org}. */
  public record Registry(String url) implements SchemaRegistry {

    /** From the URL the services use ({@code SCHEMA_REGISTRY_URL}, Apicurio's {@code .../apis/registry/v3}). */
    public static Registry fromApiUrl(String registryApiUrl) {
      return new Registry(registryApiUrl.replaceAll("/apis/registry/v3/?$", "").replaceAll("/+$", ""));
    }

    @Override
    public void close() {
    }
  }

  /** A PostgreSQL server; the platform only creates its databases there if they are missing. */
  public record Postgres(String host, int port, String username, String password) implements PostgresServer {

    @Override
    public void close() {
    }

    @Override
    public String toString() {
      return "external PostgreSQL at " + host + ":" + port + " as " + username;
    }
  }
}
