package org.komar.vault.service.overrides;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.komar.events.Audience;
import org.komar.events.AuditEvent;
import org.komar.events.OverrideApplied;
import org.komar.events.SealedValue;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.schemas.KafkaPrincipal;
import org.komar.schemas.Topics;
import org.komar.vault.KeyVault;
import org.komar.vault.service.OnTestStack;
import org.komar.vault.service.store.VaultService;

/**
 * The rules routing overrides reach the audit trail through the vault, its only writer: each once, in the case's
 * one chain, after what the vault itself recorded for the case.
 */
// Not in a test transaction: the listener and the relay, in their own threads, must see what the test commits.
@MicronautTest(transactional = false)
class RuleOverridesTest extends OnTestStack {

  @Inject
  VaultService vault;

  @Test
  void shouldRecordEachOverrideOnceInTheAuditTrail() throws Exception {
    // Given a case whose identity an officer opened
    String caseId = UUID.randomUUID().toString();
    SealedValue identity = vault.vault().seal(caseId, "childIdentity", List.of(Audience.POLICE), "ស្រីពៅ");
    vault.open(identity, new KeyVault.Opening(caseId, "childIdentity", Audience.POLICE, "officer-17", "Interview"));
    OverrideApplied override = OverrideApplied.newBuilder().setEventId(caseId + "/override/1").setCaseId(caseId)
        .setOccurredAt(Instant.now()).setActorId("routing-service").setRule("mandatory-police-report")
        .setReason("Immediate danger: the law requires a police report").build();

    // When routing writes the override, as itself, a redelivery writes it again, and a second override follows
    OverrideApplied next = OverrideApplied.newBuilder(override).setEventId(caseId + "/override/2").build();
    TestStack stack = TestStack.shared();
    try (var producer = new KafkaProducer<>(stack.kafka().clientSettings(KafkaPrincipal.ROUTING),
        new StringSerializer(), stack.serdes().valueSerde(Topics.RULE_OVERRIDES).serializer())) {
      for (OverrideApplied sent : List.of(override, override, next)) {
        producer.send(new ProducerRecord<>(Topics.RULE_OVERRIDES.name(), caseId, sent)).get();
      }
    }

    // Then the trail holds the opening and each override once, chained: the case's records keep their order on one
    // partition, so once the second override is in, a duplicate of the first would be in before it
    List<ConsumerRecord<String, AuditEvent>> audit = TopicReader.read(stack.kafkaSettings(),
        Topics.AUDIT_EVENTS.name(), stack.serdes().valueSerde(Topics.AUDIT_EVENTS).deserializer(),
        record -> record.key().equals(caseId), 3, Duration.ofSeconds(30));
    assertThat(audit).extracting(record -> record.value().getEvent())
        .containsExactly(audit.get(0).value().getEvent(), override, next);
    assertThat(audit.get(0).value().getEvent()).isInstanceOf(org.komar.events.IdentityAccessed.class);
    assertThat(audit).extracting(record -> record.value().getSequence()).isSorted().doesNotHaveDuplicates();
  }
}
