package org.komar.infra.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.komar.infra.External;
import org.komar.infra.InfraException;

/**
 * The settings of the local platform, all from environment variables with local defaults. Setting
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL} or {@code KOMAR_DB_HOST} makes the platform use
 * that existing Kafka, registry or PostgreSQL instead of starting its own.
 */
record PlatformSettings(
    Path projectHome,
    Path dataDir,
    Optional<External.Kafka> externalKafka,
    int kafkaPort,
    int kafkaControllerPort,
    Optional<String> externalRegistry,
    int registryPort,
    int registryManagementPort,
    int keycloakPort,
    int keycloakManagementPort,
    Optional<String> externalDbHost,
    int dbPort,
    String dbUsername,
    Optional<String> dbPassword,
    int topicPartitions,
    short topicReplicationFactor,
    Map<String, Integer> servicePorts,
    String serviceJavaOptions) {

  static final String DATA_DIR = "KOMAR_DATA_DIR";

  static PlatformSettings fromEnvironment(Path projectHome, Map<String, String> environment) {
    Reader env = new Reader(environment);
    Optional<String> externalDbHost = env.optional("KOMAR_DB_HOST");
    return new PlatformSettings(
        projectHome,
        Path.of(env.text(DATA_DIR, projectHome.resolve(".komar-data").toString())).toAbsolutePath(),
        env.optional("KAFKA_BOOTSTRAP_SERVERS").map(servers -> External.Kafka.fromEnvironment(environment)),
        env.port("KOMAR_KAFKA_PORT", 19092),
        env.port("KOMAR_KAFKA_CONTROLLER_PORT", 19093),
        env.optional("SCHEMA_REGISTRY_URL"),
        env.port("KOMAR_REGISTRY_PORT", 18080),
        env.port("KOMAR_REGISTRY_MANAGEMENT_PORT", 18081),
        env.port("KOMAR_KEYCLOAK_PORT", 18180),
        env.port("KOMAR_KEYCLOAK_MANAGEMENT_PORT", 18190),
        externalDbHost,
        env.port("KOMAR_DB_PORT", externalDbHost.isPresent() ? 5432 : 15432),
        env.text("DB_USERNAME", "komar"),
        env.optional("DB_PASSWORD"),
        env.number("KOMAR_TOPIC_PARTITIONS", 3),
        (short) env.number("KOMAR_TOPIC_REPLICATION_FACTOR", 1),
        Map.of(
            "vault-service", env.port("KOMAR_VAULT_PORT", 8085),
            "intake-service", env.port("KOMAR_INTAKE_PORT", 8081),
            "routing-service", env.port("KOMAR_ROUTING_PORT", 8082),
            "notification-service", env.port("KOMAR_NOTIFICATION_PORT", 8083),
            "console", env.port("KOMAR_CONSOLE_PORT", 8084),
            "reporting-service", env.port("KOMAR_REPORTING_PORT", 8086)),
        env.text("KOMAR_SERVICE_JAVA_OPTS", "-Xms32m -Xmx160m -XX:+UseSerialGC"));
  }

  Path logs() {
    return dataDir.resolve("logs");
  }

  @Override
  public String toString() {
    // The generated form would print the database password.
    return "PlatformSettings[dataDir=" + dataDir + ", externalKafka=" + externalKafka + ", externalRegistry="
        + externalRegistry + ", externalDbHost=" + externalDbHost + "]";
  }

  /** Reads typed values from the environment, naming the variable when a value is wrong. */
  private record Reader(Map<String, String> environment) {

    Optional<String> optional(String name) {
      return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    String text(String name, String fallback) {
      return optional(name).orElse(fallback);
    }

    int number(String name, int fallback) {
      String value = text(name, Integer.toString(fallback));
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new InfraException(name + " must be a whole number, not '" + value + "'");
      }
    }

    int port(String name, int fallback) {
      int port = number(name, fallback);
      if (port < 0 || port > 65_535) {
        throw new InfraException(name + " must be a port between 1 and 65535 (or 0 for a free one), not " + port);
      }
      return port;
    }
  }
}
