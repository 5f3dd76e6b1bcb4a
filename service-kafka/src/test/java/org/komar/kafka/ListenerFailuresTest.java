package org.komar.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.junit.jupiter.api.Test;

/**
 * A listener that failed for any reason but an unreadable record reads what failed again: nothing is skipped. A record
 * the registry could not give the schema of is not unreadable.
 */
class ListenerFailuresTest {

  private static final TopicPartition FIRST = new TopicPartition("case-states", 0);
  private static final TopicPartition SECOND = new TopicPartition("case-states", 1);

  @Test
  void shouldReadABatchListenersWholePollAgainWhenItFailed() {
    MockConsumer<String, String> consumer = consumerAt(Map.of(FIRST, 10L, SECOND, 40L));
    ConsumerRecords<String, String> poll = new ConsumerRecords<>(Map.of(
        FIRST, List.of(record(FIRST, 7), record(FIRST, 8), record(FIRST, 9)),
        SECOND, List.of(record(SECOND, 39))), Map.of());

    ListenerFailures.parkOrReadAgain(new KafkaListenerException("failed", new IllegalStateException("database away"),
        this, consumer, poll, null), null, "test-group", "keep a state");

    assertThat(consumer.position(FIRST)).as("from the poll's first record of the partition").isEqualTo(7);
    assertThat(consumer.position(SECOND)).isEqualTo(39);
  }

  @Test
  void shouldReadASingleRecordAgainWhenItsListenerFailed() {
    MockConsumer<String, String> consumer = consumerAt(Map.of(FIRST, 10L, SECOND, 40L));

    ListenerFailures.parkOrReadAgain(new KafkaListenerException(new IllegalStateException("database away"), this,
        consumer, record(FIRST, 9)), null, "test-group", "keep a state");

    assertThat(consumer.position(FIRST)).isEqualTo(9);
    assertThat(consumer.position(SECOND)).as("the other partition goes on").isEqualTo(40);
  }

  @Test
  void shouldReadAgainARecordWhoseSchemaTheRegistryCouldNotGiveRatherThanParkIt() {
    MockConsumer<String, String> consumer = consumerAt(Map.of(FIRST, 10L, SECOND, 40L));
    RecordDeserializationException registryAway = new RecordDeserializationException(FIRST, 9,
        "Error deserializing value", new IllegalStateException(new ConnectException("Connection refused")));

    // No parking given: a record parked here would fail the test
    ListenerFailures.parkOrReadAgain(new KafkaListenerException(registryAway, this, consumer, null), null,
        "test-group", "keep a state");

    assertThat(consumer.position(FIRST)).as("the same record, read again").isEqualTo(9);
  }

  private static MockConsumer<String, String> consumerAt(Map<TopicPartition, Long> positions) {
    MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    consumer.assign(positions.keySet());
    positions.forEach(consumer::seek);
    return consumer;
  }

  private static ConsumerRecord<String, String> record(TopicPartition partition, long offset) {
    return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "case", "state");
  }
}
