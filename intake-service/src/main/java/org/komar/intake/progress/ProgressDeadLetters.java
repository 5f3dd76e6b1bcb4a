package org.komar.intake.progress;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.komar.kafka.DeadLetterParking;
import org.komar.kafka.KomarKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parks an unreadable case state in {@code case-states-dlq}, byte for byte ({@link DeadLetterParking}). */
@Singleton
public final class ProgressDeadLetters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressDeadLetters.class);

  private final DeadLetterParking parking;

  ProgressDeadLetters(KomarKafka kafka) {
    parking = kafka.deadLetterParking("progress-dead-letters");
  }

  void park(RecordDeserializationException unreadable) {
    String topic = unreadable.topicPartition().topic();
    parking.park(topic, bytes(unreadable.keyBuffer()), bytes(unreadable.valueBuffer()),
        unreadable.getClass().getName(), "cannot be read");
    LOG.warn("Parked an unreadable record of {} (offset {}) in {}-dlq", topic, unreadable.offset(), topic);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @PreDestroy
  @Override
  public void close() {
    parking.close();
  }
}
