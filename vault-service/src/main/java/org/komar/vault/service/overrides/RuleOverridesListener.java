package org.komar.vault.service.overrides;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import jakarta.annotation.PreDestroy;
import org.komar.events.OverrideApplied;
import org.komar.kafka.DeadLetterParking;
import org.komar.kafka.KomarKafka;
import org.komar.kafka.ListenerFailures;

/**
 * Reads the rules routing overrode ({@code rule-overrides}) into the audit trail: routing may not write the trail
 * itself, so that no service but the vault can add to the evidence. A record that cannot be read is parked in
 * {@code rule-overrides-dlq}, naming this reader; anything else (the database away) reads the record again.
 */
@KafkaListener(groupId = RuleOverridesListener.GROUP, offsetReset = OffsetReset.EARLIEST)
public class RuleOverridesListener implements KafkaListenerExceptionHandler, AutoCloseable {

  static final String GROUP = "komar-vault-rule-overrides";

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
    ListenerFailures.parkOrReadAgain(exception, parking, GROUP, "record an override in the audit trail");
  }

  @PreDestroy
  @Override
  public void close() {
    parking.close();
  }
}
