package org.komar.vault.service.overrides;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.komar.events.OverrideApplied;
import org.komar.kafka.DeadLetterParking;
import org.komar.kafka.KomarKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the rules routing overrode ({@code rule-overrides}) into the audit trail: routing may not write the trail
 * itself, so that no service but the vault can add to the evidence. A record that cannot be read is parked in
 * {@code rule-overrides-dlq}, naming this reader; anything else (the database away) reads the record again.
 */
@KafkaListener(groupId = RuleOverridesListener.GROUP, offsetReset = OffsetReset.EARLIEST)
public class RuleOverridesListener implements KafkaListenerExceptionHandler, AutoCloseable {

  static final String GROUP = "komar-vault-rule-overrides";

  private static final Logger LOG = LoggerFactory.getLogger(RuleOverridesListener.class);

  private final RecordedOverrides overrides;
  private final DeadLetterParking parking;

  public RuleOverridesListener(RecordedOverrides overrides, KomarKafka kafka) {
    this.overrides = overrides;
    this.parking = kafka.deadLetterParking("rule-overrides-dead-letters");
  }

  @Topic("rule-overrides")
  public void overridden(OverrideApplied override) {
    overrides.record(override);
  }

  @Override
  public void handle(KafkaListenerException exception) {
    if (exception.getCause() instanceof RecordDeserializationException unreadable) {
      parking.parkUnreadable(unreadable, GROUP);
      LOG.warn("Parked an unreadable record of {} (offset {}) in its dead-letter topic",
          unreadable.topicPartition().topic(), unreadable.offset());
      exception.getKafkaConsumer().seek(unreadable.topicPartition(), unreadable.offset() + 1);
      return;
    }
    LOG.warn("Could not record an override in the audit trail ({}); it will be read again",
        exception.getCause() == null ? "unknown" : exception.getCause().getClass().getSimpleName());
    exception.getConsumerRecord().ifPresent(record -> exception.getKafkaConsumer().seek(
        new TopicPartition(record.topic(), record.partition()), record.offset()));
  }

  @PreDestroy
  @Override
  public void close() {
    parking.close();
  }
}
