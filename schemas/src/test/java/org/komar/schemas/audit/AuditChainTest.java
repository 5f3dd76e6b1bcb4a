package org.komar.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.komar.events.Audience;
import org.komar.events.AuditEvent;
import org.komar.events.IdentityAccessed;

class AuditChainTest {

  private static IdentityAccessed access(String purpose) {
    return IdentityAccessed.newBuilder().setEventId("e-" + purpose.length()).setCaseId("case-1")
        .setOccurredAt(Instant.parse("2026-11-29T09:15:00Z")).setActorId("officer-17").setAudience(Audience.POLICE)
        .setField("childIdentity").setPurpose(purpose).build();
  }

  @Test
  void shouldNumberTheTrailFromOneAndChainEachRecordToTheHashOfThePreviousOne() {
    AuditChain.Link first = AuditChain.Link.after(null, access("Interview"));
    AuditChain.Link second = AuditChain.Link.after(first, access("Court file"));

    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.previousHash()).isNull();
    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.previousHash()).isEqualTo(first.hash());
  }

  @Test
  void shouldChangeTheMessageWhenTheEventTheSequenceOrThePredecessorChanges() {
    AuditChain.Link original = AuditChain.Link.after(null, access("Interview"));
    AuditChain.Link altered = AuditChain.Link.after(null, access("Interviews"));
    AuditChain.Link moved = new AuditChain.Link(2, null, original.schemaFingerprint(), original.eventBytes());
    AuditChain.Link rechained = new AuditChain.Link(1, new byte[32], original.schemaFingerprint(),
        original.eventBytes());

    assertThat(original.hash()).hasSize(32).isEqualTo(original.hash())
        .isNotEqualTo(altered.hash()).isNotEqualTo(moved.hash());
    // The first record's missing predecessor is signed as 32 zero bytes: the same message as an explicit zero hash.
    assertThat(rechained.message()).isEqualTo(original.message());
  }

  @Test
  void shouldReadBackFromTheTopicTheVeryLinkThatWasSigned() throws Exception {
    AuditChain.Link first = AuditChain.Link.after(null, access("Interview"));
    AuditChain.Link second = AuditChain.Link.after(first, access("Court file"));
    AuditEvent published = second.envelope(access("Court file"), new byte[] {1, 2, 3});

    // A consumer reads the record with its writer's schema, as a generic record.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<AuditEvent>(AuditEvent.class).write(published, encoder);
    encoder.flush();
    GenericRecord read = new GenericDatumReader<GenericRecord>(AuditEvent.getClassSchema())
        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

    assertThat(AuditChain.linkOf(read)).isEqualTo(second);
  }

  @Test
  void shouldSignACheckpointOfTheHeadInAnotherDomainThanARecord() {
    AuditChain.Link first = AuditChain.Link.after(null, access("Interview"));
    byte[] checkpoint = AuditChain.checkpointMessage(1, first.hash(), Instant.parse("2026-11-29T09:16:00Z"));

    assertThat(checkpoint).isNotEqualTo(first.message());
    assertThat(new String(checkpoint, 0, 24, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("komar-audit-checkpoint/1");
  }
}
