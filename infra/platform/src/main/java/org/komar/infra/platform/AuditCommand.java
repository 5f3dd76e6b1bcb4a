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
import org.komar.schemas.Topics;
import org.komar.schemas.audit.CheckpointLines;
import org.komar.schemas.serde.KomarSerdes;

/**
 * {@code ./komar audit verify}, on the running local platform: gathers the trail's checkpoints from both places the
 * vault publishes them (its folder outside the database, and the topic {@code audit-checkpoints}, read as the
 * administrator), then has vault-service's own verifier ({@code VerifyTrailCommand}) walk the trail in the vault's
 * database in a JVM of its own, with the public keyset alone. Its exit status is the verifier's: 0 intact, 1 not, 2
 * could not check.
 */
public final class AuditCommand {

  private AuditCommand() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || !args[0].equals("verify")) {
      System.err.println("Usage: ./komar audit verify");
      System.exit(2);
    }
    Path projectHome = Path.of(System.getProperty("komar.home", ".")).toAbsolutePath().normalize();
    PlatformSettings settings = PlatformSettings.fromEnvironment(projectHome, System.getenv());
    System.exit(verify(settings));
  }

  static int verify(PlatformSettings settings) throws IOException, InterruptedException {
    Path secrets = settings.dataDir().resolve("secrets");
    Path audit = settings.dataDir().resolve("audit");
    Path fromTopic = audit.resolve("from-topic");
    writeTopicCheckpoints(settings, secrets, fromTopic);

    Map<String, String> environment = new HashMap<>();
    environment.put("DB_URL", "jdbc:postgresql://127.0.0.1:" + settings.dbPort() + "/vault");
    environment.put("DB_USERNAME", "vault");
    environment.put("DB_PASSWORD", secret(secrets, "db-vault"));
    environment.put("KOMAR_AUDIT_PUBLIC_KEY", audit.resolve("public-keyset.json").toString());
    Path target = settings.projectHome().resolve("vault-service").resolve("target");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", target.resolve("classes") + ":" + target.resolve("lib") + "/*",
        "org.komar.vault.service.audit.VerifyTrailCommand",
        audit.resolve("checkpoints").toString(), fromTopic.toString()));
    ProcessBuilder verifier = new ProcessBuilder(command).inheritIO();
    verifier.environment().putAll(environment);
    return verifier.start().waitFor();
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
