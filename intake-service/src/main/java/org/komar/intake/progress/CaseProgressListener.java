package org.komar.intake.progress;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.intake.intake.IntakeStore;
import org.komar.kafka.DeadLetterParking;
import org.komar.kafka.KomarKafka;
import org.komar.kafka.ListenerFailures;

/**
 * Follows the synced case states so that a reporter's status check can say where the help stands (someone is
 * helping; the work is finished). Thin: the store does the rest. Updates only ever move a case forward, so a state
 * read twice changes nothing, and a poll's states are recorded in one transaction. A record that cannot be read is
 * parked in {@code case-states-dlq} and the next one is read; any other failure reads the whole poll again.
 */
@KafkaListener(groupId = CaseProgressListener.GROUP, offsetReset = OffsetReset.EARLIEST, batch = true)
@Requires(property = "komar.progress.enabled", notEquals = "false")
public class CaseProgressListener implements KafkaListenerExceptionHandler, AutoCloseable {

  static final String GROUP = "komar-intake-case-states";

  private final IntakeStore store;
  private final DeadLetterParking parking;

  public CaseProgressListener(IntakeStore store, KomarKafka kafka) {
    this.store = store;
    this.parking = kafka.deadLetterParking("progress-dead-letters");
  }

  /** A poll's states, recorded in one transaction; a tombstone or a case this service never recorded, left out. */
  @Topic("case-states")
  public void progressed(List<CaseState> states) {
    List<Map.Entry<UUID, CaseStatus>> progress = new ArrayList<>(states.size());
    for (CaseState state : states) {
      if (state == null) {
        continue;
      }
      try {
        progress.add(Map.entry(UUID.fromString(state.getCaseId()), state.getStatus()));
      } catch (IllegalArgumentException notOurs) {
        // a case this hotline service never recorded
      }
    }
    store.progressed(progress);
  }

  @Override
  public void handle(KafkaListenerException exception) {
    ListenerFailures.parkOrReadAgain(exception, parking, GROUP, "record a case's progress");
  }

  @PreDestroy
  @Override
  public void close() {
    parking.close();
  }

}
