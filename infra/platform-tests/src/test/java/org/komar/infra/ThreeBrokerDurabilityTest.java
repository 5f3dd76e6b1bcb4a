package org.komar.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.komar.infra.ClientSettings;
import org.komar.infra.test.InProcessKafka;
import org.komar.infra.test.TestStack;

/**
 * Beyond one machine: with three brokers, replication factor 3 and {@code min.insync.replicas} 2, a broker that
 * goes away under load loses nothing that was acknowledged, and writes go on.
 */
class ThreeBrokerDurabilityTest {

  private static final String TOPIC = "durability-check";
  private static final int RECORDS = 20_000;

  @Test
  void shouldKeepEveryAcknowledgedRecordWhenABrokerStopsUnderLoad() throws Exception {
    try (InProcessKafka cluster = InProcessKafka.startThreeBrokers(TestStack.KAFKA_LOGINS)) {
      try (var admin = org.apache.kafka.clients.admin.Admin.create(cluster.clientSettings())) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 3)
            .configs(Map.of("min.insync.replicas", "2")))).all().get();
      }
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicInteger failed = new AtomicInteger();
      try (var producer = new KafkaProducer<>(ClientSettings.plus(cluster.clientSettings(),
          "acks", "all",
          "enable.idempotence", true,
          "delivery.timeout.ms", 60_000,
          "linger.ms", 2),
          new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < RECORDS; i++) {
          String key = "event-" + i;
          producer.send(new ProducerRecord<>(TOPIC, key, "payload-" + i), (metadata, error) -> {
            if (error == null) {
              acknowledged.add(key);
            } else {
              failed.incrementAndGet();
            }
          });
          if (i == RECORDS / 3) {
            // A broker goes away while records are in flight
            cluster.stopBroker(cluster.brokerIds().iterator().next());
          }
        }
        producer.flush();
      }

      Set<String> stored = new HashSet<>();
      try (var consumer = new KafkaConsumer<>(ClientSettings.plus(cluster.clientSettings(),
          "group.id", "durability-reader",
          "auto.offset.reset", "earliest"), new StringDeserializer(),
          new StringDeserializer())) {
        consumer.subscribe(List.of(TOPIC));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!stored.containsAll(acknowledged) && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(500)).forEach(record -> stored.add(record.key()));
        }
      }
      assertThat(acknowledged).as("writes go on with two of three brokers").hasSizeGreaterThan(RECORDS * 9 / 10);
      assertThat(stored).containsAll(acknowledged);
      System.out.printf("Three brokers, one stopped at record %d: %d acknowledged, %d failed, all acknowledged "
          + "records read back%n", RECORDS / 3, acknowledged.size(), failed.get());
    }
  }
}
