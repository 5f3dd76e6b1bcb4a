package org.komar.vault.service.audit;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.komar.events.AuditCheckpoint;
import org.komar.schemas.audit.AuditChain;
import org.komar.vault.audit.TrailVerifier;
import org.komar.vault.audit.TrailVerifier.Kind;

/**
 * Verifies the whole audit trail as the vault's database holds it, against every checkpoint kept outside it: the
 * signatures and the chain ({@link TrailVerifier}), and, beside them, that each row's copies of who, what case, which
 * unit and when are those of its signed event, and that its event reads in the schema the row names. What
 * {@code ./komar audit verify} and the auditors' API report.
 */
@Singleton
public final class TrailAudit {

  private final TransactionOperations<Connection> transactions;
  private final TrailVerifier verifier;
  private final CheckpointFiles files;

  public TrailAudit(TransactionOperations<Connection> transactions, TrailVerifier verifier, CheckpointFiles files) {
    this.transactions = transactions;
    this.verifier = verifier;
    this.files = files;
  }

  /**
   * The whole trail against the checkpoint folder; lines of the folder that are not checkpoints at all (written by
   * someone else, or damaged) count among the rejected checkpoints.
   */
  public TrailVerifier.Verification verify() {
    CheckpointFiles.Read kept = files.read();
    TrailVerifier.Verification found = transactions.executeRead(status ->
        verify(status.getConnection(), kept.checkpoints()));
    return new TrailVerifier.Verification(found.recordsChecked(), found.lastSequence(), found.checkpointSequence(),
        found.rejectedCheckpoints() + kept.unreadable(), found.problems());
  }

  /** Verifies the trail {@code connection} sees, in its transaction (a test's tampering, uncommitted, included). */
  public TrailVerifier.Verification verify(Connection connection, List<AuditCheckpoint> checkpoints) {
    return verify(verifier, connection, checkpoints);
  }

  /** The same with any verifier and connection: for {@link VerifyTrailCommand}, which runs without the service. */
  static TrailVerifier.Verification verify(TrailVerifier verifier, Connection connection,
      List<AuditCheckpoint> checkpoints) {
    try {
      Map<ByteBuffer, String> schemas = TrailRows.schemas(connection);
      TrailVerifier.Walk walk = verifier.walk(checkpoints);
      long after = 0;
      int batch = 5_000;
      while (true) {
        List<TrailRows.Row> rows = new ArrayList<>(batch);
        TrailRows.walk(connection, "true", List.of(), after, batch, rows::add);
        for (TrailRows.Row row : rows) {
          walk.accept(row.record());
          String contradiction = contradiction(row, schemas);
          if (contradiction != null) {
            walk.problem(row.sequence(), Kind.ALTERED, "record " + row.sequence() + " " + contradiction);
          }
        }
        if (rows.size() < batch) {
          return walk.finish();
        }
        after = rows.getLast().sequence();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the audit trail", e);
    }
  }

  /** What a row's stored copies say that its signed event does not; null if they agree. */
  private static String contradiction(TrailRows.Row row, Map<ByteBuffer, String> schemas) {
    AuditChain.Link link = row.record().link();
    String schemaJson = schemas.get(ByteBuffer.wrap(link.schemaFingerprint()));
    if (schemaJson == null) {
      return "names a schema the trail does not hold";
    }
    GenericRecord event;
    try {
      if (!Arrays.equals(AuditChain.fingerprint(new Schema.Parser().parse(schemaJson)), link.schemaFingerprint())) {
        return "names a schema that was altered";
      }
      event = AuditedEvents.read(schemaJson, link.eventBytes());
    } catch (IOException | RuntimeException e) {
      return "holds an event that does not read in its schema";
    }
    if (!row.kind().equals(event.getSchema().getName())
        || !Objects.equals(row.caseId(), AuditedEvents.caseOf(event))
        || !row.actorId().equals(AuditedEvents.actorOf(event))
        || !Objects.equals(row.unitId(), AuditedEvents.unitOf(event))
        || !row.occurredAt().equals(AuditedEvents.occurredAt(event))) {
      return "says another case, kind, person, unit or time than its signed event";
    }
    return null;
  }
}
