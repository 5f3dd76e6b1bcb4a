package org.komar.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komar.events.Audience;
import org.komar.events.AuditCheckpoint;
import org.komar.events.CaseErased;
import org.komar.events.IdentityAccessed;
import org.komar.schemas.audit.AuditChain;
import org.komar.vault.LocalFileKek;
import org.komar.vault.audit.TrailVerifier.Kind;
import org.komar.vault.audit.TrailVerifier.Problem;
import org.komar.vault.audit.TrailVerifier.SignedRecord;

/** The verifier finds each way of tampering with a trail, at the first sequence number it touches. */
class TrailVerifierTest {

  private static final List<String> CASES = List.of("case-a", "case-b", "case-c");

  @TempDir
  Path secrets;

  private AuditSigningKey key;
  private TrailVerifier verifier;
  private final List<SignedRecord> trail = new ArrayList<>();
  private final List<String> caseOf = new ArrayList<>();

  @BeforeEach
  void writeATrailOfTwelveRecordsOverThreeCases() {
    key = AuditSigningKey.openOrCreate(secrets.resolve("audit-signing.json"), secrets.resolve("audit-public.json"),
        LocalFileKek.openOrCreate(secrets.resolve("kek.json")));
    verifier = TrailVerifier.of(key.publicKeyset());
    for (int i = 0; i < 12; i++) {
      String caseId = CASES.get(i % 3);
      SpecificRecord event = i == 11 ? erased(caseId) : opened(caseId, "Interview " + i);
      AuditChain.Link link = AuditChain.Link.after(trail.isEmpty() ? null : trail.getLast().link(), event);
      trail.add(new SignedRecord(link, key.sign(link.message())));
      caseOf.add(caseId);
    }
  }

  private static IdentityAccessed opened(String caseId, String purpose) {
    return IdentityAccessed.newBuilder().setEventId(caseId + purpose).setCaseId(caseId)
        .setOccurredAt(Instant.parse("2026-11-29T09:15:00Z")).setActorId("officer-17").setAudience(Audience.POLICE)
        .setField("childIdentity").setPurpose(purpose).setUnitId("police-pp").build();
  }

  private static CaseErased erased(String caseId) {
    return CaseErased.newBuilder().setEventId(caseId + "-erased").setCaseId(caseId)
        .setOccurredAt(Instant.parse("2026-11-29T10:00:00Z")).setActorId("supervisor-3").setReason("Retention")
        .build();
  }

  private AuditCheckpoint checkpoint(AuditSigningKey signer, int sequence) {
    byte[] head = trail.get(sequence - 1).link().hash();
    Instant at = Instant.parse("2026-11-29T11:00:00Z");
    return AuditCheckpoint.newBuilder().setSequence(sequence).setHeadHash(ByteBuffer.wrap(head)).setPublishedAt(at)
        .setSignature(ByteBuffer.wrap(signer.sign(AuditChain.checkpointMessage(sequence, head, at)))).build();
  }

  private TrailVerifier.Verification verify(List<SignedRecord> records, AuditCheckpoint... checkpoints) {
    return verifier.verify(records, List.of(checkpoints));
  }

  private static Problem first(TrailVerifier.Verification verification) {
    assertThat(verification.intact()).isFalse();
    return verification.firstProblem().orElseThrow();
  }

  @Test
  void shouldFindAWholeTrailWhole() {
    TrailVerifier.Verification verification = verify(trail, checkpoint(key, 12));

    assertThat(verification.intact()).isTrue();
    assertThat(verification.recordsChecked()).isEqualTo(12);
    assertThat(verification.lastSequence()).isEqualTo(12);
    assertThat(verification.checkpointSequence()).isEqualTo(12);
  }

  @Test
  void shouldFindADeletedRecord() {
    List<SignedRecord> tampered = new ArrayList<>(trail);
    tampered.remove(4);

    assertThat(first(verify(tampered))).extracting(Problem::sequence, Problem::kind).containsExactly(5L, Kind.MISSING);
  }

  @Test
  void shouldFindOneChangedByte() {
    List<SignedRecord> tampered = new ArrayList<>(trail);
    SignedRecord original = tampered.get(6);
    byte[] event = original.link().eventBytes().clone();
    event[event.length - 3] ^= 1;
    tampered.set(6, new SignedRecord(new AuditChain.Link(7, original.link().previousHash(),
        original.link().schemaFingerprint(), event), original.signature()));

    assertThat(first(verify(tampered))).extracting(Problem::sequence, Problem::kind).containsExactly(7L, Kind.ALTERED);
  }

  @Test
  void shouldFindTwoSwappedRecords() {
    // The rows keep their places (sequence numbers) and exchange what they hold.
    List<SignedRecord> tampered = new ArrayList<>(trail);
    tampered.set(2, renumbered(trail.get(7), 3));
    tampered.set(7, renumbered(trail.get(2), 8));

    assertThat(first(verify(tampered))).extracting(Problem::sequence, Problem::kind).containsExactly(3L, Kind.ALTERED);
  }

  @Test
  void shouldFindTwoGenuineRecordsInEachOthersPlace() {
    // The rows keep what they hold and exchange their places.
    List<SignedRecord> tampered = new ArrayList<>(trail);
    tampered.set(2, trail.get(7));
    tampered.set(7, trail.get(2));

    assertThat(first(verify(tampered)).sequence()).isEqualTo(3);
  }

  @Test
  void shouldFindATailCutOffBehindACheckpoint() {
    AuditCheckpoint checkpoint = checkpoint(key, 12);
    List<SignedRecord> tampered = new ArrayList<>(trail.subList(0, 9));

    assertThat(first(verify(tampered, checkpoint))).extracting(Problem::sequence, Problem::kind)
        .containsExactly(10L, Kind.TRUNCATED);
  }

  @Test
  void shouldFindAForgedRecordAndIgnoreAForgedCheckpoint() {
    AuditSigningKey forger = AuditSigningKey.openOrCreate(secrets.resolve("forger.json"),
        secrets.resolve("forger-public.json"), LocalFileKek.openOrCreate(secrets.resolve("forger-kek.json")));
    List<SignedRecord> tampered = new ArrayList<>(trail);
    AuditChain.Link forged = AuditChain.Link.after(trail.get(9).link(), opened("case-a", "Forged"));
    tampered.add(10, new SignedRecord(forged, forger.sign(forged.message())));
    tampered.set(11, new SignedRecord(new AuditChain.Link(12, forged.hash(),
        trail.get(10).link().schemaFingerprint(), trail.get(10).link().eventBytes()), trail.get(10).signature()));
    tampered.removeLast();

    TrailVerifier.Verification verification = verify(tampered, checkpoint(forger, 12));

    assertThat(first(verification)).extracting(Problem::sequence, Problem::kind).containsExactly(11L, Kind.ALTERED);
    assertThat(verification.rejectedCheckpoints()).isEqualTo(1);
    assertThat(verification.checkpointSequence()).isZero();
  }

  @Test
  void shouldFindAWholeCasesRecordsDeleted() {
    List<SignedRecord> tampered = new ArrayList<>();
    for (int i = 0; i < trail.size(); i++) {
      if (!caseOf.get(i).equals("case-b")) {
        tampered.add(trail.get(i));
      }
    }

    assertThat(first(verify(tampered))).extracting(Problem::sequence, Problem::kind).containsExactly(2L, Kind.MISSING);
  }

  private static SignedRecord renumbered(SignedRecord record, long sequence) {
    AuditChain.Link link = record.link();
    return new SignedRecord(new AuditChain.Link(sequence, link.previousHash(), link.schemaFingerprint(),
        link.eventBytes()), record.signature());
  }
}
