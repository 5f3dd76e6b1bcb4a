package org.komar.infra.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning until the records a test waits for are there, or a deadline passes; with the
 * administrator's settings ({@link TestStack#kafkaSettings()}), as an operator's tool would.
 */
public final class TopicReader {

  private TopicReader() {
  }

  public static <V> List<ConsumerRecord<String, V>> read(Map<String, Object> kafkaSettings, String topic,
      Deserializer<V> values, Predicate<ConsumerRecord<String, V>> wanted, int expected, Duration timeout) {
    List<ConsumerRecord<String, V>> found = new ArrayList<>();
    Map<String, Object> settings = new HashMap<>(kafkaSettings);
    settings.putAll(Map.of("group.id", "test-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
        "isolation.level", "read_committed"));
    try (var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (found.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
          if (wanted.test(record)) {
            found.add(record);
          }
        });
      }
      // One more poll: anything beyond the expected (a duplicate) must show.
      consumer.poll(Duration.ofMillis(500)).forEach(record -> {
        if (wanted.test(record)) {
          found.add(record);
        }
      });
    }
    return found;
  }
}
