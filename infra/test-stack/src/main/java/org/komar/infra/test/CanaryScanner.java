package org.komar.infra.test;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The proof that no child identity leaks: given canary strings (a child's name, phone numbers, URLs seeded into
 * a test), finds every place they appear in clear, in every record of every topic (key, value and headers, as
 * raw bytes and, for Avro values, decoded), in log files, and in captured payloads such as notification bodies.
 * A test asserts the list of hits is empty; each hit names its place so a failure says where to look.
 */
public final class CanaryScanner {

  /** One canary found in one place, e.g. {@code case-intakes/0@12 value} or {@code logs/intake.log:88}. */
  public record Hit(String place, String canary) {
  }

  private final List<String> canaries;

  public CanaryScanner(List<String> canaries) {
    if (canaries.isEmpty() || canaries.stream().anyMatch(canary -> canary.length() < 6)) {
      throw new IllegalArgumentException("Canaries must be distinctive: at least 6 characters each");
    }
    this.canaries = List.copyOf(canaries);
  }

  /**
   * Reads every record of every topic, from the beginning to the end it has when the scan starts.
   *
   * @param registryUrl Apicurio's API, to decode Avro values; null to scan raw bytes only
   */
  public List<Hit> scanTopics(Map<String, Object> clientSettings, String registryUrl) {
    List<Hit> hits = new ArrayList<>();
    try (Admin admin = Admin.create(new HashMap<>(clientSettings));
        var consumer = new KafkaConsumer<>(consumerSettings(clientSettings), new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
        AvroKafkaDeserializer<Object> avro = new AvroKafkaDeserializer<>()) {
      if (registryUrl != null) {
        avro.configure(Map.of("apicurio.registry.url", registryUrl), false);
      }
      Set<String> topics = admin.listTopics().names().get();
      List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
          .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
          .toList();
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> remaining = new HashMap<>(ends);
      remaining.entrySet().removeIf(end -> end.getValue() == 0);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (!remaining.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The canary scan could not read " + remaining.keySet() + " in 2 minutes");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          scanRecord(record, registryUrl == null ? null : avro, hits);
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() + 1 >= ends.get(partition)) {
            remaining.remove(partition);
          }
        }
        // Transaction markers and compacted gaps leave offsets without records: go by position.
        remaining.keySet().removeIf(partition -> consumer.position(partition) >= ends.get(partition));
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not list the topics to scan: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
    return hits;
  }

  private void scanRecord(ConsumerRecord<byte[], byte[]> record, AvroKafkaDeserializer<Object> avro,
      List<Hit> hits) {
    String place = record.topic() + "/" + record.partition() + "@" + record.offset();
    scanBytes(place + " key", record.key(), hits);
    scanBytes(place + " value", record.value(), hits);
    for (Header header : record.headers()) {
      scanText(place + " header " + header.key(), header.key(), hits);
      scanBytes(place + " header " + header.key(), header.value(), hits);
    }
    if (avro != null && record.value() != null && record.value().length > 5 && record.value()[0] == 0) {
      try {
        scanText(place + " decoded value", String.valueOf(avro.deserialize(record.topic(), record.value())), hits);
      } catch (RuntimeException notAvro) {
        // A dead-letter topic keeps whatever bytes failed: the raw scan above covers them.
      }
    }
  }

  /** Every line of the files, and of every file under the folders, given. */
  public List<Hit> scanFiles(List<Path> filesOrFolders) {
    List<Hit> hits = new ArrayList<>();
    for (Path start : filesOrFolders) {
      if (!Files.exists(start)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(start)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
          for (int line = 0; line < lines.size(); line++) {
            scanText(file + ":" + (line + 1), lines.get(line), hits);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot scan " + start, e);
      }
    }
    return hits;
  }

  /** Captured payloads by name, such as the bodies and headers of notifications a test receiver got. */
  public List<Hit> scanPayloads(Map<String, String> payloads) {
    List<Hit> hits = new ArrayList<>();
    payloads.forEach((name, payload) -> scanText(name, payload, hits));
    return hits;
  }

  private void scanText(String place, String text, List<Hit> hits) {
    if (text == null) {
      return;
    }
    for (String canary : canaries) {
      if (text.contains(canary)) {
        hits.add(new Hit(place, canary));
      }
    }
  }

  private void scanBytes(String place, byte[] bytes, List<Hit> hits) {
    if (bytes == null) {
      return;
    }
    for (String canary : canaries) {
      if (indexOf(bytes, canary.getBytes(StandardCharsets.UTF_8)) >= 0
          || indexOf(bytes, canary.getBytes(StandardCharsets.UTF_16LE)) >= 0) {
        hits.add(new Hit(place, canary));
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int start = 0; start <= haystack.length - needle.length; start++) {
      for (int i = 0; i < needle.length; i++) {
        if (haystack[start + i] != needle[i]) {
          continue outer;
        }
      }
      return start;
    }
    return -1;
  }

  private static Map<String, Object> consumerSettings(Map<String, Object> clientSettings) {
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.put("enable.auto.commit", false);
    settings.put("isolation.level", "read_uncommitted");
    settings.put("max.poll.records", 2000);
    return settings;
  }
}
