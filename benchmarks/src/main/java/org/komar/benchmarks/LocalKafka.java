package org.komar.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.komar.infra.KafkaLogins;

/**
 * The Kafka settings of a load driver: the local platform's administrator, whose password the platform generated
 * into its data folder ({@code secrets/kafka-komar-admin}), plus the driver's own client settings.
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

  /** {@code base} with {@code keysAndValues} added: a new mutable map. */
  public static Map<String, Object> plus(Map<String, Object> base, Object... keysAndValues) {
    Map<String, Object> settings = new HashMap<>(base);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      settings.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return settings;
  }
}
