package org.komar.infra.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.komar.events.AuditCheckpoint;
import org.komar.infra.InfraException;
import org.komar.infra.KafkaLogins;
import org.komar.infra.SoftHsmToken;
import org.komar.schemas.Topics;
import org.komar.schemas.audit.CheckpointLines;
import org.komar.schemas.serde.KomarSerdes;

/**
 * The vault's commands on the local platform, each run by vault-service's own code in a JVM of its own, given what it
 * needs from the data folder and nothing more; their exit status is theirs.
 *
 * <ul>
 *   <li>{@code ./komar audit verify}: gathers the trail's checkpoints from both places the vault publishes them (its
 *       folder outside the database, and the topic {@code audit-checkpoints}, read as the administrator), then has
 *       {@code VerifyTrailCommand} walk the trail in the vault's database with the public keyset alone: 0 intact, 1
 *       not, 2 could not check.</li>
 *   <li>{@code ./komar kek rotate}: {@code RotateKekCommand} makes a new version of the key-encryption key in the
 *       data folder's token, rewraps every case key and the audit signing key under it while the vault runs, and
 *       destroys the old versions: 0 done, 2 not (nothing destroyed).</li>
 * </ul>
 */
public final class VaultCommands {

  private VaultCommands() {
  }

  public static void main(String[] args) throws Exception {
    String command = String.join(" ", args);
    Path projectHome = Path.of(System.getProperty("komar.home", ".")).toAbsolutePath().normalize();
    PlatformSettings settings = PlatformSettings.fromEnvironment(projectHome, System.getenv());
    switch (command) {
      case "audit verify" -> System.exit(verifyTrail(settings));
      case "kek rotate" -> System.exit(rotateKek(settings));
      default -> {
        System.err.println("Usage: ./komar audit verify | ./komar kek rotate");
        System.exit(2);
      }
    }
  }

  static int verifyTrail(PlatformSettings settings) throws IOException, InterruptedException {
    Path audit = settings.dataDir().resolve("audit");
    Path fromTopic = audit.resolve("from-topic");
    writeTopicCheckpoints(settings, secrets(settings), fromTopic);
    Map<String, String> environment = database(settings);
    environment.put("KOMAR_AUDIT_PUBLIC_KEY", audit.resolve("public-keyset.json").toString());
    return runVault(settings, "org.komar.vault.service.audit.VerifyTrailCommand", environment,
        audit.resolve("checkpoints").toString(), fromTopic.toString());
  }

  static int rotateKek(PlatformSettings settings) throws IOException, InterruptedException {
    Path secrets = secrets(settings);
    Map<String, String> environment = database(settings);
    environment.putAll(SoftHsmToken.ensure(settings.projectHome(), settings.dataDir().resolve("hsm"),
        secret(secrets, "hsm-pin"), secret(secrets, "hsm-so-pin")).vaultEnvironment());
    environment.put("KOMAR_AUDIT_SIGNING_KEY", secrets.resolve("audit-signing.json").toString());
    if (Files.exists(secrets.resolve("kek.json"))) {
      environment.put("KOMAR_KEK_FILE", secrets.resolve("kek.json").toString());
    }
    return runVault(settings, "org.komar.vault.service.store.RotateKekCommand", environment);
  }

  /** The vault's own database login: a command of the vault's reaches nothing else. */
  private static Map<String, String> database(PlatformSettings settings) {
    Map<String, String> environment = new HashMap<>();
    environment.put("DB_URL", "jdbc:postgresql://127.0.0.1:" + settings.dbPort() + "/vault");
    environment.put("DB_USERNAME", "vault");
    environment.put("DB_PASSWORD", secret(secrets(settings), "db-vault"));
    return environment;
  }

  private static int runVault(PlatformSettings settings, String mainClass, Map<String, String> environment,
      String... arguments) throws IOException, InterruptedException {
    Path target = settings.projectHome().resolve("vault-service").resolve("target");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    if (Runtime.version().feature() >= 23) {
      // Tink's protobuf still reads memory through sun.misc.Unsafe; say it is allowed rather than warn on every run.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-cp", target.resolve("classes") + ":" + target.resolve("lib") + "/*", mainClass));
    command.addAll(List.of(arguments));
    ProcessBuilder process = new ProcessBuilder(command).inheritIO();
    process.environment().putAll(environment);
    return process.start().waitFor();
  }

  private static Path secrets(PlatformSettings settings) {
    return settings.dataDir().resolve("secrets");
  }

  /** Every checkpoint the topic still holds (compaction keeps the latest), as lines in {@code folder}. */
  private static void writeTopicCheckpoints(PlatformSettings settings, Path secrets, Path folder) throws IOException {
    Map<String, Object> consumerSettings = new HashMap<>(KafkaLogins.fromSecrets(user -> secret(secrets, "kafka-" + user))
        .adminSettings("127.0.0.1:" + settings.kafkaPort()));
    consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KomarSerdes serdes = new KomarSerdes("http://127.0.0.1:" + settings.registryPort() + "/apis/registry/v3",
        "/komar/platform");
    List<String> lines = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(consumerSettings, new StringDeserializer(),
        serdes.valueSerde(Topics.AUDIT_CHECKPOINTS).deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUDIT_CHECKPOINTS.name(), Duration.ofSeconds(10))
          .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
        if (System.nanoTime() > deadline) {
          throw new InfraException("Could not read " + Topics.AUDIT_CHECKPOINTS.name() + " to its end in 30 s");
        }
        for (ConsumerRecord<String, AuditCheckpoint> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value() != null) {
            lines.add(CheckpointLines.line(record.value()));
          }
        }
      }
    }
    Files.createDirectories(folder);
    Files.write(folder.resolve("checkpoints.txt"), lines, StandardCharsets.US_ASCII);
  }

  private static String secret(Path secrets, String name) {
    try {
      return Files.readString(secrets.resolve(name)).trim();
    } catch (IOException e) {
      throw new InfraException("No " + name + " in " + secrets + ": has this data folder run ./komar run?", e);
    }
  }
}
