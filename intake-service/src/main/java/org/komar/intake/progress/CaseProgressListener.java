package org.komar.intake.progress;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import io.micronaut.context.annotation.Requires;
import java.util.UUID;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.komar.events.CaseState;
import org.komar.intake.intake.IntakeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the synced case states so that a reporter's status check can say where the help stands (someone is
 * helping; the work is finished). Thin: the store does the rest. Updates only ever move a case forward, so a state
 * read twice changes nothing. A record that cannot be read is parked in {@code case-states-dlq} and the next one is
 * read.
 */
@KafkaListener(groupId = "komar-intake-case-states", offsetReset = OffsetReset.EARLIEST)
@Requires(property = "komar.progress.enabled", notEquals = "false")
public class CaseProgressListener implements KafkaListenerExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(CaseProgressListener.class);

  private final IntakeStore store;
  private final ProgressDeadLetters deadLetters;

  public CaseProgressListener(IntakeStore store, ProgressDeadLetters deadLetters) {
    this.store = store;
    this.deadLetters = deadLetters;
  }

  @Topic("case-states")
  public void progressed(CaseState state) {
    UUID caseId;
    try {
      caseId = UUID.fromString(state.getCaseId());
    } catch (IllegalArgumentException notOurs) {
      return; // a case this hotline service never recorded
    }
    store.progressed(caseId, state.getStatus());
  }

  @Override
  public void handle(KafkaListenerException exception) {
    if (exception.getCause() instanceof RecordDeserializationException unreadable) {
      deadLetters.park(unreadable);
      exception.getKafkaConsumer().seek(unreadable.topicPartition(), unreadable.offset() + 1);
      return;
    }
    // Anything else (the database down): the record is read again, nothing is skipped.
    LOG.warn("Could not record a case's progress ({}); it will be read again",
        exception.getCause() == null ? "unknown" : exception.getCause().getClass().getSimpleName());
    exception.getConsumerRecord().ifPresent(record -> exception.getKafkaConsumer().seek(
        new org.apache.kafka.common.TopicPartition(record.topic(), record.partition()), record.offset()));
  }
}
