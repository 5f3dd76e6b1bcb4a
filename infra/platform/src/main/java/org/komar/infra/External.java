package org.komar.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Infrastructure run by someone else (a managed Kafka, a shared registry or database): used, never stopped. */
public final class External {

  private External() {
  }

  /**
   * A Kafka cluster reached with the given client settings (bootstrap servers and the administrator's security
   * settings), and the services' logins where whoever runs it hands them over ({@code KAFKA_LOGINS_DIR}).
   */
  public record Kafka(Map<String, Object> adminSettings, Optional<KafkaLogins> givenLogins) implements KafkaCluster {

    public Kafka {
      adminSettings = Map.copyOf(adminSettings);
    }

    /**
     * Client settings from the same environment variables the services read: {@code KAFKA_BOOTSTRAP_SERVERS},
     * and for a secured cluster {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
     * {@code KAFKA_SASL_JAAS_CONFIG} (the administrator's login); and {@code KAFKA_LOGINS_DIR}, a folder with a file
     * per login named as its user ({@code komar-admin}, {@code komar-controller}, {@code routing-service}, ...)
     * holding its password, when the services' logins and access lists are Komar's to set (docker-compose; on
     * Kubernetes, Strimzi's User Operator sets them).
     */
    public static Kafka fromEnvironment(Map<String, String> environment) {
      Map<String, Object> settings = new HashMap<>();
      settings.put("bootstrap.servers", environment.get("KAFKA_BOOTSTRAP_SERVERS"));
      copy(environment, "KAFKA_SECURITY_PROTOCOL", settings, "security.protocol");
      copy(environment, "KAFKA_SASL_MECHANISM", settings, "sasl.mechanism");
      copy(environment, "KAFKA_SASL_JAAS_CONFIG", settings, "sasl.jaas.config");
      copy(environment, "KAFKA_SSL_TRUSTSTORE_LOCATION", settings, "ssl.truststore.location");
      copy(environment, "KAFKA_SSL_TRUSTSTORE_TYPE", settings, "ssl.truststore.type");
      Optional<KafkaLogins> logins = Optional.ofNullable(environment.get("KAFKA_LOGINS_DIR"))
          .filter(dir -> !dir.isBlank()).map(dir -> KafkaLogins.fromSecrets(user -> read(Path.of(dir, user))));
      return new Kafka(settings, logins);
    }

    private static String read(Path file) {
      try {
        return Files.readString(file).strip();
      } catch (IOException e) {
        throw new InfraException("Could not read the Kafka login " + file + " (KAFKA_LOGINS_DIR): " + e.getMessage(), e);
      }
    }

    @Override
    public Map<String, Object> clientSettings() {
      return adminSettings;
    }

    @Override
    public KafkaLogins logins() {
      return givenLogins.orElseThrow(() -> new InfraException("The services' Kafka logins of " + bootstrapServers()
          + " are not known here: set KAFKA_LOGINS_DIR"));
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
      return (String) adminSettings.get("bootstrap.servers");
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
