package org.komar.vault.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.komar.events.Audience;
import org.komar.events.AuditEvent;
import org.komar.events.IdentityAccessed;
import org.komar.events.SealedValue;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.schemas.Topics;
import org.komar.schemas.audit.AuditChain;
import org.komar.vault.KeyVault;
import org.komar.vault.audit.TrailVerifier;
import org.komar.vault.service.OnTestStack;

/** Every opening and every erasure reaches audit-events, numbered in the trail's one sequence and signed. */
// Not in a test transaction: the relay, in its own thread, must see what the test commits.
@MicronautTest(transactional = false)
class VaultAuditTest extends OnTestStack {

  @Inject
  VaultService vault;

  @Inject
  TrailVerifier verifier;

  @Test
  void shouldPublishASignedNumberedRecordForEveryOpeningAndTheErasure() {
    String caseId = UUID.randomUUID().toString();
    SealedValue identity = vault.vault().seal(caseId, "childIdentity", List.of(Audience.POLICE), "ស្រីពៅ");

    vault.open(identity, new KeyVault.Opening(caseId, "childIdentity", Audience.POLICE, "officer-17", "Interview"));
    vault.open(identity, new KeyVault.Opening(caseId, "childIdentity", Audience.POLICE, "officer-9", "Court file"));
    assertThat(vault.erase(caseId, "supervisor-3", "Retention period ended")).isTrue();

    TestStack stack = TestStack.shared();
    List<ConsumerRecord<String, AuditEvent>> audit = TopicReader.read(stack.kafkaSettings(),
        Topics.AUDIT_EVENTS.name(),
        stack.serdes().valueSerde(Topics.AUDIT_EVENTS).deserializer(),
        record -> record.key().equals(caseId), 3, Duration.ofSeconds(30));

    assertThat(audit).extracting(record -> record.value().getEvent().getClass().getSimpleName())
        .containsExactly("IdentityAccessed", "IdentityAccessed", "CaseErased");
    assertThat(((IdentityAccessed) audit.get(1).value().getEvent()).getPurpose()).isEqualTo("Court file");
    assertThat(audit).extracting(record -> record.value().getSequence()).isSorted().doesNotHaveDuplicates()
        .allMatch(sequence -> sequence > 0);
    // Each copy on the topic verifies as it is, with the public keyset alone; altered, it does not.
    for (ConsumerRecord<String, AuditEvent> record : audit) {
      AuditChain.Link link = AuditChain.linkOf(record.value());
      byte[] signature = record.value().getSignature().array();
      assertThat(verifier.genuine(new TrailVerifier.SignedRecord(link, signature))).isTrue();
      byte[] altered = link.eventBytes().clone();
      altered[altered.length - 1] ^= 1;
      assertThat(verifier.genuine(new TrailVerifier.SignedRecord(new AuditChain.Link(link.sequence(),
          link.previousHash(), link.schemaFingerprint(), altered), signature))).isFalse();
    }
  }
}
