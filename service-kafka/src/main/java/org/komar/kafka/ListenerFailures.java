package org.komar.kafka;

import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.komar.schemas.serde.RegistryUnreachable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@code @KafkaListener} of Komar does with a record it could not handle, the same in every service: a record
 * that cannot be read is parked in its topic's dead-letter twin, naming the listener's group, and the next one is
 * read, unless only the schema registry could not answer for it (then it is read again, as {@code KomarSerdes}'
 * readers wait for the registry); any other failure (its database away) reads the same record again, or a batch
 * listener's whole poll, so nothing is skipped.
 */
public final class ListenerFailures {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerFailures.class);

  /** How long a reader waits before it reads again a record whose schema the registry could not give. */
  static final Duration REGISTRY_PAUSE = Duration.ofSeconds(1);

  private ListenerFailures() {
  }

  private static void pause() {
    try {
      Thread.sleep(REGISTRY_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Handles {@code failure} of the listener of consumer group {@code group}; {@code work} says in Komar's own words
   * what could not be done, for the log.
   */
  public static void parkOrReadAgain(KafkaListenerException failure, DeadLetterParking parking, String group,
      String work) {
    if (failure.getCause() instanceof RecordDeserializationException unreadable
        && RegistryUnreachable.causedBy(unreadable)) {
      // Not the record's fault: the registry could not give its schema. Parked, a good record would be lost to this
      // reader; it is read again, after a pause so that an outage is not hammered.
      LOG.warn("{}: the schema registry cannot answer ({}); the record of {} (offset {}) will be read again", group,
          unreadable.getCause() == null ? "unknown" : unreadable.getCause().getClass().getSimpleName(),
          unreadable.topicPartition().topic(), unreadable.offset());
      failure.getKafkaConsumer().seek(unreadable.topicPartition(), unreadable.offset());
      pause();
      return;
    }
    if (failure.getCause() instanceof RecordDeserializationException unreadable) {
      parking.parkUnreadable(unreadable, group);
      LOG.warn("{} parked an unreadable record of {} (offset {}) in its dead-letter topic", group,
          unreadable.topicPartition().topic(), unreadable.offset());
      failure.getKafkaConsumer().seek(unreadable.topicPartition(), unreadable.offset() + 1);
      return;
    }
    LOG.warn("{}: could not {} ({}); the record will be read again", group, work,
        failure.getCause() == null ? "unknown" : failure.getCause().getClass().getSimpleName());
    if (failure.getConsumerRecord().isPresent()) {
      ConsumerRecord<?, ?> record = failure.getConsumerRecord().get();
      failure.getKafkaConsumer().seek(new TopicPartition(record.topic(), record.partition()), record.offset());
      return;
    }
    // A batch listener's poll: each of its partitions from the poll's first record of it
    failure.getConsumerRecords().ifPresent(records -> records.partitions().forEach(partition ->
        failure.getKafkaConsumer().seek(partition, records.records(partition).getFirst().offset())));
  }
}
