package org.komar.schemas;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who may use Komar's Kafka cluster: one login per service, named as the service's client at the identity provider,
 * so that a service has one name in every layer. The topics say what each may write and read ({@link
 * Topic#writers()}, {@link Topic#readers()}); beyond them a principal owns its namespace: the consumer groups whose
 * names start with it and, for a Kafka Streams application, the internal topics and transactional ids that start
 * with it too. The cluster's access control lists are generated from these declarations and nothing else.
 *
 * <p>The console, the schema registry (it keeps its schemas in PostgreSQL) and Keycloak do not use Kafka, and so
 * have no login here. Provisioning (topics, logins and access lists) uses the cluster's administrator.
 */
public enum KafkaPrincipal {
  INTAKE("intake-service", "komar-intake", false),
  ROUTING("routing-service", "komar-routing", true),
  NOTIFICATION("notification-service", "komar-notification", false),
  VAULT("vault-service", "komar-vault", false);

  private final String username;
  private final String namespace;
  private final boolean streamsApplication;

  KafkaPrincipal(String username, String namespace, boolean streamsApplication) {
    this.username = username;
    this.namespace = namespace;
    this.streamsApplication = streamsApplication;
  }

  /** The login's user name, as the service's client id at the identity provider: {@code routing-service}. */
  public String username() {
    return username;
  }

  /** The prefix of this principal's consumer groups (and a Streams application's id): {@code komar-routing}. */
  public String namespace() {
    return namespace;
  }

  /**
   * True for a Kafka Streams application, which also creates its internal topics (changelogs, repartitions) and
   * uses transactional ids under its namespace.
   */
  public boolean streamsApplication() {
    return streamsApplication;
  }

  /** The principal of a service by its client id ({@code routing-service}), if it uses Kafka. */
  public static Optional<KafkaPrincipal> ofService(String clientId) {
    return Arrays.stream(values()).filter(principal -> principal.username.equals(clientId)).findFirst();
  }
}
