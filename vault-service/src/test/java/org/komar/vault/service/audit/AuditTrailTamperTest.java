package org.komar.vault.service.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komar.events.Audience;
import org.komar.events.AuditCheckpoint;
import org.komar.events.IdentityAccessed;
import org.komar.events.SealedValue;
import org.komar.schemas.audit.AuditChain;
import org.komar.vault.KeyVault;
import org.komar.vault.LocalFileKek;
import org.komar.vault.audit.AuditSigningKey;
import org.komar.vault.audit.TrailVerifier.Kind;
import org.komar.vault.audit.TrailVerifier.Problem;
import org.komar.vault.audit.TrailVerifier.Verification;
import org.komar.vault.service.OnTestStack;
import org.komar.vault.service.store.VaultService;

/**
 * An intruder holding the vault's own database login rewrites the trail: their login owns the tables, so they can
 * switch the append-only triggers off, as each test here does first. Every rewrite is found by the verifier, at the
 * first sequence number it touched. Each runs in a transaction that is rolled back, so the shared trail stays whole.
 */
@MicronautTest(transactional = false)
class AuditTrailTamperTest extends OnTestStack {

  @Inject
  VaultService vault;

  @Inject
  TrailAudit audit;

  @Inject
  CheckpointPublisher checkpoints;

  @Inject
  CheckpointFiles files;

  @Inject
  TransactionOperations<Connection> transactions;

  @TempDir
  static Path forgerSecrets;

  @TempDir
  static Path otherCopy;

  @Inject
  AuditSigningKey signingKey;

  /** The sequence numbers of the records this class wrote: two cases, case A's first, then B's, then A's again. */
  private final List<Long> caseA = new ArrayList<>();
  private final List<Long> caseB = new ArrayList<>();
  private String caseAId;
  private String caseBId;

  @BeforeAll
  void writeRecordsOfTwoCasesAndACheckpoint() {
    caseAId = UUID.randomUUID().toString();
    caseBId = UUID.randomUUID().toString();
    SealedValue a = vault.vault().seal(caseAId, "childIdentity", List.of(Audience.POLICE), "ស្រីពៅ");
    SealedValue b = vault.vault().seal(caseBId, "childIdentity", List.of(Audience.PSYCHOSOCIAL), "សុខា");
    vault.open(a, new KeyVault.Opening(caseAId, "childIdentity", Audience.POLICE, "officer-17", "Interview"));
    vault.open(b, new KeyVault.Opening(caseBId, "childIdentity", Audience.PSYCHOSOCIAL, "counsellor-4", "Session"));
    vault.refused(new KeyVault.Opening(caseBId, "childIdentity", Audience.POLICE, "officer-17", "Interview",
        "police-pp"), "No referral of the unit in hand");
    vault.open(a, new KeyVault.Opening(caseAId, "childIdentity", Audience.POLICE, "officer-9", "Court file"));
    vault.erase(caseBId, "supervisor-3", "Retention period ended");
    vault.open(a, new KeyVault.Opening(caseAId, "childIdentity", Audience.POLICE, "officer-17", "Follow-up"));
    checkpoints.publish();
    transactions.executeRead(status -> {
      caseA.addAll(sequencesOf(status.getConnection(), caseAId));
      caseB.addAll(sequencesOf(status.getConnection(), caseBId));
      return null;
    });
    assertThat(caseA).hasSize(3);
    assertThat(caseB).hasSize(3);
  }

  private static List<Long> sequencesOf(Connection connection, String caseId) {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT sequence FROM audit_trail WHERE case_id = ? ORDER BY sequence")) {
      select.setString(1, caseId);
      List<Long> sequences = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          sequences.add(rows.getLong(1));
        }
      }
      return sequences;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The trail as the verifier finds it after {@code tampering}, which is then rolled back. */
  private Verification afterTampering(String... tampering) {
    return transactions.executeWrite(status -> {
      Connection connection = status.getConnection();
      try (Statement statement = connection.createStatement()) {
        statement.execute("ALTER TABLE audit_trail DISABLE TRIGGER USER");
        for (String sql : tampering) {
          statement.execute(sql);
        }
      }
      Verification verification = audit.verify(connection, files.read().checkpoints());
      status.setRollbackOnly();
      return verification;
    });
  }

  private static Problem firstProblem(Verification verification) {
    assertThat(verification.intact()).as("the tampered trail is found out").isFalse();
    return verification.firstProblem().orElseThrow();
  }

  private long last() {
    return caseA.getLast();
  }

  @Test
  void shouldFindTheTrailWholeUntouched() {
    Verification verification = audit.verify();

    assertThat(verification.problems()).isEmpty();
    assertThat(verification.lastSequence()).isGreaterThanOrEqualTo(last());
    assertThat(verification.checkpointSequence()).isGreaterThanOrEqualTo(last());
    assertThat(verification.recordsChecked()).isEqualTo(verification.lastSequence());
  }

  @Test
  void shouldRefuseARewriteWhileTheTriggersStand() {
    assertThatThrownBy(() -> transactions.executeWrite(status -> {
      try (Statement statement = status.getConnection().createStatement()) {
        return statement.executeUpdate("DELETE FROM audit_trail WHERE sequence = " + caseB.get(1));
      }
    })).hasStackTraceContaining("append-only");
  }

  @Test
  void shouldFindADeletedRecord() {
    long deleted = caseB.get(1);

    assertThat(firstProblem(afterTampering("DELETE FROM audit_trail WHERE sequence = " + deleted)))
        .extracting(Problem::sequence, Problem::kind).containsExactly(deleted, Kind.MISSING);
  }

  @Test
  void shouldFindOneChangedByte() {
    long changed = caseA.get(1);

    assertThat(firstProblem(afterTampering("UPDATE audit_trail SET event = set_byte(event, 20, get_byte(event, 20) # 1)"
        + " WHERE sequence = " + changed))).extracting(Problem::sequence, Problem::kind)
        .containsExactly(changed, Kind.ALTERED);
  }

  @Test
  void shouldFindAChangedCopyOfWhoActed() {
    long changed = caseA.get(1);

    assertThat(firstProblem(afterTampering("UPDATE audit_trail SET actor_id = 'someone-else' WHERE sequence = "
        + changed))).extracting(Problem::sequence, Problem::kind).containsExactly(changed, Kind.ALTERED);
  }

  @Test
  void shouldFindTwoSwappedRecords() {
    long first = caseA.get(1);
    long second = caseB.get(2);

    assertThat(firstProblem(afterTampering("""
        UPDATE audit_trail t SET case_id = o.case_id, kind = o.kind, actor_id = o.actor_id, unit_id = o.unit_id,
            occurred_at = o.occurred_at, previous_hash = o.previous_hash, schema_fingerprint = o.schema_fingerprint,
            event = o.event, signature = o.signature
        FROM audit_trail o WHERE (t.sequence, o.sequence) IN ((%d, %d), (%d, %d))"""
        .formatted(first, second, second, first)))).extracting(Problem::sequence, Problem::kind)
        .containsExactly(Math.min(first, second), Kind.ALTERED);
  }

  @Test
  void shouldFindATailCutOff() {
    long cut = caseB.getLast();

    assertThat(firstProblem(afterTampering("DELETE FROM audit_trail WHERE sequence >= " + cut,
        "UPDATE audit_head SET sequence = " + (cut - 1) + ", last_hash = NULL")))
        .extracting(Problem::sequence, Problem::kind).containsExactly(cut, Kind.TRUNCATED);
  }

  @Test
  void shouldFindAForgedRecordSlippedIn() {
    // The forger numbers everything after their record one further and signs theirs with a key of their own.
    long forgedAt = caseB.getFirst();
    AuditSigningKey forger = AuditSigningKey.openOrCreate(forgerSecrets.resolve("forger.json"),
        forgerSecrets.resolve("forger-public.json"),
        LocalFileKek.openOrCreate(forgerSecrets.resolve("forger-kek.json")));
    IdentityAccessed forged = IdentityAccessed.newBuilder().setEventId(UUID.randomUUID().toString())
        .setCaseId(caseAId).setOccurredAt(Instant.now()).setActorId("officer-17").setAudience(Audience.POLICE)
        .setField("childIdentity").setPurpose("Interview").build();
    AuditChain.Link link = AuditChain.Link.next(forgedAt - 1, null, forged);
    String hex = "'\\x%s'::bytea";

    Verification verification = afterTampering(
        "UPDATE audit_trail SET sequence = sequence + 1000000 WHERE sequence >= " + forgedAt,
        "UPDATE audit_trail SET sequence = sequence - 999999 WHERE sequence >= 1000000",
        """
        INSERT INTO audit_trail (sequence, case_id, kind, actor_id, occurred_at, previous_hash, schema_fingerprint,
            event, signature) SELECT %d, '%s', 'IdentityAccessed', 'officer-17', now(), previous_hash, %s, %s, %s
        FROM audit_trail WHERE sequence = %d""".formatted(forgedAt, caseAId,
            hex.formatted(hexOf(link.schemaFingerprint())), hex.formatted(hexOf(link.eventBytes())),
            hex.formatted(hexOf(forger.sign(link.message()))), forgedAt + 1));

    assertThat(firstProblem(verification)).extracting(Problem::sequence, Problem::kind)
        .containsExactly(forgedAt, Kind.ALTERED);
  }

  @Test
  void shouldFindAWholeCasesRecordsDeleted() {
    assertThat(firstProblem(afterTampering("DELETE FROM audit_trail WHERE case_id = '" + caseBId + "'")))
        .extracting(Problem::sequence, Problem::kind).containsExactly(caseB.getFirst(), Kind.MISSING);
  }

  @Test
  void shouldIgnoreACheckpointItCannotVerify() {
    AuditCheckpoint genuine = files.read().checkpoints().getLast();
    AuditCheckpoint forged = AuditCheckpoint.newBuilder(genuine).setSequence(genuine.getSequence() + 1000).build();

    Verification verification = transactions.executeRead(status ->
        audit.verify(status.getConnection(), List.of(genuine, forged)));

    assertThat(verification.rejectedCheckpoints()).isEqualTo(1);
    assertThat(verification.checkpointSequence()).isEqualTo(genuine.getSequence());
  }

  @Test
  void shouldVerifyFromTheCommandLineWithThePublicKeyAlone() throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("DB_URL", getProperties().get("datasources.default.url"));
    environment.put("DB_USERNAME", getProperties().get("datasources.default.username"));
    environment.put("DB_PASSWORD", getProperties().get("datasources.default.password"));
    environment.put("KOMAR_AUDIT_PUBLIC_KEY", getProperties().get("komar.audit.public-key"));
    String folder = getProperties().get("komar.audit.checkpoints");
    ByteArrayOutputStream intact = new ByteArrayOutputStream();

    int whole = VerifyTrailCommand.run(environment, List.of(folder), new PrintStream(intact, true, UTF_8));

    assertThat(whole).as(intact.toString(UTF_8)).isZero();
    assertThat(intact.toString(UTF_8)).contains("Intact");

    // A genuine checkpoint beyond the trail's end, as if the records after it had been cut off
    long head = audit.verify().lastSequence();
    byte[] someHash = new byte[32];
    Instant at = Instant.now();
    AuditCheckpoint beyond = AuditCheckpoint.newBuilder().setSequence(head + 5)
        .setHeadHash(java.nio.ByteBuffer.wrap(someHash)).setPublishedAt(at)
        .setSignature(java.nio.ByteBuffer.wrap(signingKey.sign(AuditChain.checkpointMessage(head + 5, someHash, at))))
        .build();
    new CheckpointFiles(otherCopy).append(beyond);
    ByteArrayOutputStream cut = new ByteArrayOutputStream();

    int truncated = VerifyTrailCommand.run(environment, List.of(folder, otherCopy.toString()),
        new PrintStream(cut, true, UTF_8));

    assertThat(truncated).as(cut.toString(UTF_8)).isEqualTo(1);
    assertThat(cut.toString(UTF_8)).contains("NOT INTACT").contains("the first bad record is " + (head + 1))
        .contains("TRUNCATED");
  }

  private static String hexOf(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
