package org.komar.intake.progress;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.komar.kafka.DeadLetterParking;
import org.komar.kafka.KomarKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parks an unreadable case state in {@code case-states-dlq}, byte for byte, as this service's reader ({@link DeadLetterParking}). */
@Singleton
public final class ProgressDeadLetters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressDeadLetters.class);

  private final DeadLetterParking parking;

  ProgressDeadLetters(KomarKafka kafka) {
    parking = kafka.deadLetterParking("progress-dead-letters");
  }

  void park(RecordDeserializationException unreadable) {
    parking.parkUnreadable(unreadable, "komar-intake-case-states");
    LOG.warn("Parked an unreadable record of {} (offset {}) in {}-dlq", unreadable.topicPartition().topic(),
        unreadable.offset(), unreadable.topicPartition().topic());
  }

  @PreDestroy
  @Override
  public void close() {
    parking.close();
  }
}
