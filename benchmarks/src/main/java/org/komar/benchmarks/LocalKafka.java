package org.komar.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.komar.infra.KafkaLogins;

/**
 * The Kafka settings of a load driver: the local platform's administrator, whose password the platform generated
 * into its data folder ({@code secrets/kafka-komar-admin}).
 */
public final class LocalKafka {

  private LocalKafka() {
  }

  /** The administrator's settings on {@code bootstrapServers}, its password read from {@code dataDir}. */
  public static Map<String, Object> adminSettings(String bootstrapServers, Path dataDir) {
    Path secret = dataDir.resolve("secrets").resolve("kafka-" + KafkaLogins.ADMIN);
    try {
      return KafkaLogins.adminSettings(bootstrapServers, Files.readString(secret).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("No Kafka administrator's password at " + secret
          + ": is the platform (./komar run) using this data folder?", e);
    }
  }

  /** The same, from {@code KOMAR_DATA_DIR} (default {@code .komar-data}), as {@code ./komar run} keeps it. */
  public static Map<String, Object> adminSettings(String bootstrapServers) {
    String dataDir = System.getenv().getOrDefault("KOMAR_DATA_DIR", ".komar-data");
    return adminSettings(bootstrapServers, Path.of(dataDir));
  }
}
