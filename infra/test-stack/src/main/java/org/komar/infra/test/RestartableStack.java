package org.komar.infra.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.komar.infra.ApicurioRegistry;
import org.komar.infra.DatabaseLogin;
import org.komar.infra.Folders;
import org.komar.infra.InfraException;
import org.komar.infra.InfraLayout;
import org.komar.infra.KafkaAccess;
import org.komar.infra.KafkaServerProcess;
import org.komar.infra.Ports;
import org.komar.infra.PostgresServer;
import org.komar.infra.PostgresSettings;
import org.komar.infra.TopicCatalogue;
import org.komar.infra.registry.SchemaRegistration;
import org.komar.infra.registry.SchemaRegistryClient;

/**
 * Kafka, PostgreSQL and the schema registry as the local platform runs them (each a process of its own, the
 * registry keeping its schemas in PostgreSQL, durable storage), whose parts a test can stop and start again on
 * the same ports and data, as an operator's restart or a crash would. For fault tests; everything else uses the
 * shared {@link TestStack}.
 */
public final class RestartableStack implements AutoCloseable {

  private static final String REGISTRY_DATABASE = "registry";

  private final InfraLayout layout = InfraLayout.fromBuild();
  private final Path folder;
  private final Path postgresHome;
  private final int kafkaPort = Ports.free();
  private final int kafkaControllerPort = Ports.free();
  private final int registryPort = Ports.free();
  private final int registryManagementPort = Ports.free();
  private final int postgresPort = Ports.free();
  private KafkaServerProcess kafka;
  private PostgresServer postgres;
  private ApicurioRegistry registry;

  private RestartableStack(Path folder, Path postgresHome) {
    this.folder = folder;
    this.postgresHome = postgresHome;
  }

  /**
   * Starts the three afresh (an earlier run's data under {@code folder} deleted), with Komar's topics, schemas
   * and the databases named.
   */
  public static RestartableStack start(Path folder, List<String> databases) {
    Folders.deleteWhatCan(folder.toAbsolutePath());
    try {
      Path postgresHome = LeftoverStacks.claim(Files.createTempDirectory(LeftoverStacks.PREFIX));
      RestartableStack stack = new RestartableStack(folder.toAbsolutePath(), postgresHome);
      try {
        stack.startPostgres();
        stack.postgres.ownDatabase(REGISTRY_DATABASE, TestStack.databasePassword(REGISTRY_DATABASE));
        databases.forEach(database -> stack.postgres.ownDatabase(database, TestStack.databasePassword(database)));
        stack.startKafka();
        TopicCatalogue.create(stack.kafka.clientSettings(), 3, (short) 1);
        KafkaAccess.apply(stack.kafka.clientSettings(), TestStack.KAFKA_LOGINS);
        stack.startRegistry();
        SchemaRegistryClient client = new SchemaRegistryClient(stack.registry.confluentCompatibleUrl());
        client.setDefaultCompatibility(SchemaRegistryClient.Compatibility.BACKWARD);
        SchemaRegistration.registerAll(client);
        return stack;
      } catch (RuntimeException e) {
        stack.close();
        throw e;
      }
    } catch (IOException e) {
      throw new InfraException("Could not create the stack's folders: " + e.getMessage(), e);
    }
  }

  public void startKafka() {
    kafka = KafkaServerProcess.start(folder.resolve("kafka"), kafkaPort, kafkaControllerPort, layout.kafkaBrokerLib(),
        folder.resolve("kafka.log"), TestJvms.broker("512m"), TestStack.KAFKA_LOGINS);
  }

  /** A controlled shutdown of the broker (its records kept). */
  public void stopKafka() {
    kafka.close();
  }

  public void startPostgres() {
    postgres = new PostgresSettings(postgresHome, postgresPort, TestStack.DB_USER, "komar-faults", true,
        PostgresSettings.installedBinaries()).start();
  }

  /** Stops PostgreSQL (fast mode: open sessions are ended, committed data kept). */
  public void stopPostgres() {
    postgres.close();
  }

  public void startRegistry() {
    registry = LeftoverStacks.owned(postgresHome, ApicurioRegistry.start(layout.apicurioHome(), registryPort,
        registryManagementPort, Optional.of(new DatabaseLogin(postgres.jdbcUrl(REGISTRY_DATABASE), REGISTRY_DATABASE,
            TestStack.databasePassword(REGISTRY_DATABASE))), folder.resolve("registry"),
        folder.resolve("registry.log"), TestJvms.registry("192m")));
  }

  public void stopRegistry() {
    registry.close();
  }

  /** What a service is given to reach this stack, as its deployment's environment; {@code database} may be null. */
  public Map<String, String> environment(String database) {
    Map<String, String> environment = new java.util.HashMap<>(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
        "SCHEMA_REGISTRY_URL", "http://127.0.0.1:" + registryPort + "/apis/registry/v3"));
    if ("vault".equals(database)) {
      // This stack's trail is in its own database: its checkpoints go with it.
      environment.putAll(TestStack.vaultEnvironment(folder.resolve("audit-checkpoints")));
    }
    if (database != null) {
      environment.put("DB_URL", postgres.jdbcUrl(database));
      environment.put("DB_USERNAME", database);
      environment.put("DB_PASSWORD", TestStack.databasePassword(database));
    }
    return environment;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  /** The administrator's Kafka client settings (a new mutable map), for tests that read or write any topic. */
  public Map<String, Object> kafkaSettings() {
    return new java.util.HashMap<>(TestStack.KAFKA_LOGINS.adminSettings(bootstrapServers()));
  }

  public String registryApiUrl() {
    return "http://127.0.0.1:" + registryPort + "/apis/registry/v3";
  }

  @Override
  public void close() {
    for (AutoCloseable part : new AutoCloseable[] {registry, kafka, postgres}) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception e) {
        // go on stopping the others
      }
    }
    Folders.deleteWhatCan(postgresHome);
  }
}
