package org.komar.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A transactional round trip through an {@code exactly_once_v2} Kafka Streams application: what a broker must
 * support for the routing service. An aborted transaction on the input must never reach the output.
 */
final class ExactlyOnce {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private ExactlyOnce() {
  }

  static void assertRoundTrip(Map<String, Object> clientSettings, Path stateDir) throws Exception {
    String suffix = UUID.randomUUID().toString();
    String input = "eos-input-" + suffix;
    String output = "eos-output-" + suffix;
    try (Admin admin = Admin.create(new HashMap<>(clientSettings))) {
      admin.createTopics(List.of(new NewTopic(input, 1, (short) 1), new NewTopic(output, 1, (short) 1))).all().get();
    }

    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(value -> value.toUpperCase(Locale.ROOT))
        .to(output, Produced.with(Serdes.String(), Serdes.String()));
    Properties streamsSettings = new Properties();
    streamsSettings.putAll(clientSettings);
    streamsSettings.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-" + suffix);
    streamsSettings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    streamsSettings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    streamsSettings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

    try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsSettings)) {
      streams.start();
      writeTransactions(clientSettings, input);
      assertThat(readCommitted(clientSettings, output, 3)).containsExactly("A", "B", "C");
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  /** One aborted transaction, then one committed transaction of three records. */
  private static void writeTransactions(Map<String, Object> clientSettings, String topic) {
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "eos-writer-" + UUID.randomUUID());
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (var producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "case-1", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      for (String value : List.of("a", "b", "c")) {
        producer.send(new ProducerRecord<>(topic, "case-1", value));
      }
      producer.commitTransaction();
    }
  }

  private static List<String> readCommitted(Map<String, Object> clientSettings, String topic, int expected) {
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, "eos-reader-" + UUID.randomUUID());
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      // Anything after the expected records (the aborted one, a duplicate) would show here.
      consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
    }
    return values;
  }
}
