package org.komar.infra.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.komar.infra.External;
import org.komar.infra.InfraException;
import org.komar.infra.KafkaAccess;
import org.komar.infra.KeycloakServer;
import org.komar.infra.TopicCatalogue;
import org.komar.infra.registry.SchemaRegistration;
import org.komar.infra.registry.SchemaRegistryClient;

/**
 * Prepares infrastructure that someone else runs (a Kafka cluster, a registry, a PostgreSQL server) for Komar:
 * creates the missing topics of the catalogue, the services' and Keycloak's databases, sets the registry's default
 * compatibility rule and registers every event schema. Safe to run again: it only adds what is missing. {@code ./komar provision} runs it, and so
 * does the {@code provision} container of {@code infra/docker-compose.yml}.
 *
 * <p>Reads {@code KAFKA_BOOTSTRAP_SERVERS} (and the Kafka security variables of the cluster's administrator; with
 * {@code KAFKA_LOGINS_DIR} it also sets every service's login and the access lists made from the topic catalogue,
 * {@link KafkaAccess}: on Kubernetes, Strimzi's {@code KafkaUser}s do that instead), {@code SCHEMA_REGISTRY_URL},
 * {@code KOMAR_DB_HOST}/{@code KOMAR_DB_PORT}/{@code DB_USERNAME}/{@code DB_PASSWORD} (the server's administrator;
 * with {@code DB_LOGINS_DIR}, a folder with one file per database holding its role's password, every database is
 * owned by a role of its own name that reaches no other),
 * {@code KOMAR_TOPIC_PARTITIONS} and {@code KOMAR_TOPIC_REPLICATION_FACTOR}; each part is skipped when its
 * variable is not set.
 */
public final class Provision {

  private Provision() {
  }

  public static void main(String[] args) {
    try {
      run(System.getenv());
    } catch (InfraException e) {
      System.err.println("Komar provision failed: " + e.getMessage());
      System.exit(1);
    }
  }

  private static String readLogin(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new InfraException("Could not read the database login " + file + " (DB_LOGINS_DIR): " + e.getMessage(), e);
    }
  }

  static void run(Map<String, String> environment) {
    PlatformSettings settings = PlatformSettings.fromEnvironment(java.nio.file.Path.of("."), environment);
    if (settings.externalKafka().isPresent()) {
      External.Kafka kafka = settings.externalKafka().get();
      var created = TopicCatalogue.create(kafka.clientSettings(), settings.topicPartitions(),
          settings.topicReplicationFactor());
      System.out.println("Kafka " + kafka.bootstrapServers() + ": created " + created.size() + " topics " + created);
      if (kafka.givenLogins().isPresent()) {
        KafkaAccess.Applied access = KafkaAccess.apply(kafka.clientSettings(), kafka.logins());
        System.out.println("Kafka " + kafka.bootstrapServers() + ": logins set for " + access.logins()
            + " services; access lists: " + access.added() + " added, " + access.removed() + " removed");
      }
    }
    if (settings.externalDbHost().isPresent()) {
      External.Postgres postgres = new External.Postgres(settings.externalDbHost().get(), settings.dbPort(),
          settings.dbUsername(), settings.dbPassword()
          .orElseThrow(() -> new InfraException("KOMAR_DB_HOST is set: set DB_PASSWORD too")));
      List<String> databases = new ArrayList<>(ServiceProcess.SERVICES.stream().map(ServiceProcess.Service::database)
          .flatMap(Optional::stream).toList());
      databases.add(KeycloakServer.DATABASE);
      Optional<Path> logins = Optional.ofNullable(environment.get("DB_LOGINS_DIR")).filter(dir -> !dir.isBlank())
          .map(Path::of);
      if (logins.isPresent()) {
        // The registry's too: each database owned by the role of its name, which reaches no other.
        databases.add(LocalPlatform.REGISTRY_DATABASE);
        databases.forEach(database -> postgres.ownDatabase(database, readLogin(logins.get().resolve(database))));
        System.out.println(postgres + ": databases ready, each owned by its own role " + databases);
      } else {
        databases.forEach(postgres::createDatabase);
        System.out.println(postgres + ": databases ready");
      }
    }
    if (settings.externalRegistry().isPresent()) {
      External.Registry registry = External.Registry.fromApiUrl(settings.externalRegistry().get());
      SchemaRegistryClient client = new SchemaRegistryClient(registry.confluentCompatibleUrl());
      client.setDefaultCompatibility(SchemaRegistryClient.Compatibility.BACKWARD);
      int subjects = SchemaRegistration.registerAll(client).size();
      System.out.println("Schema registry " + registry.url() + ": default compatibility BACKWARD, " + subjects
          + " subjects registered (" + SchemaRegistration.RULE + ")");
    }
  }
}
