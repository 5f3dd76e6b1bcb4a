package org.komar.vault.service.holders;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Objects;
import org.komar.events.CaseState;
import org.komar.kafka.DeadLetterParking;
import org.komar.kafka.KomarKafka;
import org.komar.kafka.ListenerFailures;

/**
 * The vault's own reading of {@code case-states}: which units hold each case ({@link CaseHolders}), so that an
 * agency opening is decided from what the vault read itself, never from what the asking service says. Only a later
 * version of a case changes the view, so a state read twice or late changes nothing. A poll's states are kept in
 * one transaction, one commit for all of them. A record that cannot
 * be read is parked in {@code case-states-dlq}, naming this reader, and the next one is read; anything else (the
 * database away) reads the whole poll again.
 */
@KafkaListener(groupId = CaseStatesListener.GROUP, offsetReset = OffsetReset.EARLIEST, batch = true)
@Requires(property = "komar.holders.enabled", notEquals = "false")
public class CaseStatesListener implements KafkaListenerExceptionHandler, AutoCloseable {

  static final String GROUP = "komar-vault-case-states";

  private final CaseHolders holders;
  private final DeadLetterParking parking;

  public CaseStatesListener(CaseHolders holders, KomarKafka kafka) {
    this.holders = holders;
    this.parking = kafka.deadLetterParking("case-states-dead-letters");
  }

  /** A poll's states, kept in one transaction; a tombstone says nothing of who holds a case. */
  @Topic("case-states")
  public void statesChanged(List<CaseState> states) {
    holders.record(states.stream().filter(Objects::nonNull).toList());
  }

  @Override
  public void handle(KafkaListenerException exception) {
    ListenerFailures.parkOrReadAgain(exception, parking, GROUP, "keep who holds a case");
  }

  @PreDestroy
  @Override
  public void close() {
    parking.close();
  }
}
