package org.komar.notification.events;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.komar.kafka.DeadLetterParking;
import org.komar.kafka.KomarKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks what notification-service cannot use, byte for byte, in its topic's dead-letter twin: an event that cannot
 * be read, or whose notification failed for good ({@link DeadLetterParking}).
 */
@Singleton
public final class DeadLetters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final DeadLetterParking parking;

  DeadLetters(KomarKafka kafka) {
    parking = kafka.deadLetterParking("dead-letters");
  }

  public void park(String topic, byte[] key, byte[] value, String error, String message) {
    parking.park(topic, key, value, error, message);
    LOG.warn("Parked a record of {} in {}-dlq: {}", topic, topic, message);
  }

  @PreDestroy
  @Override
  public void close() {
    parking.close();
  }
}
