package org.komar.vault.service.audit;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.komar.http.audit.AuditRecordView;
import org.komar.vault.audit.TrailVerifier;

/** The trail's records for the auditors' view, read from the signed events themselves, each with its signature checked. */
@Singleton
public final class AuditRecords {

  /** Which records: each part optional (null), all given parts must hold. */
  public record Filter(String caseId, String actorId, String unitId, Instant from, Instant to) {
  }

  private final TransactionOperations<Connection> transactions;
  private final TrailVerifier verifier;

  AuditRecords(TransactionOperations<Connection> transactions, TrailVerifier verifier) {
    this.transactions = transactions;
    this.verifier = verifier;
  }

  public List<AuditRecordView> find(Filter filter, long after, int limit) {
    List<String> conditions = new ArrayList<>(List.of("true"));
    List<Object> parameters = new ArrayList<>();
    if (filter.caseId() != null) {
      conditions.add("case_id = ?");
      parameters.add(filter.caseId());
    }
    if (filter.actorId() != null) {
      conditions.add("actor_id = ?");
      parameters.add(filter.actorId());
    }
    if (filter.unitId() != null) {
      conditions.add("unit_id = ?");
      parameters.add(filter.unitId());
    }
    if (filter.from() != null) {
      conditions.add("occurred_at >= ?");
      parameters.add(Timestamp.from(filter.from()));
    }
    if (filter.to() != null) {
      conditions.add("occurred_at < ?");
      parameters.add(Timestamp.from(filter.to()));
    }
    return transactions.executeRead(status -> {
      Connection connection = status.getConnection();
      try {
        Map<ByteBuffer, String> schemas = TrailRows.schemas(connection);
        List<AuditRecordView> views = new ArrayList<>();
        TrailRows.walk(connection, String.join(" AND ", conditions), parameters, after, limit,
            row -> views.add(view(row, schemas)));
        return views;
      } catch (SQLException e) {
        throw new IllegalStateException("Could not read the audit trail", e);
      }
    });
  }

  /** A row as its signed event says it; a row whose event does not read is shown from its copies, as not genuine. */
  private AuditRecordView view(TrailRows.Row row, Map<ByteBuffer, String> schemas) {
    boolean genuine = verifier.genuine(row.record());
    String schema = schemas.get(ByteBuffer.wrap(row.record().link().schemaFingerprint()));
    try {
      if (schema == null) {
        throw new IOException("no schema");
      }
      GenericRecord event = AuditedEvents.read(schema, row.record().link().eventBytes());
      return new AuditRecordView(row.sequence(), event.getSchema().getName(), AuditedEvents.caseOf(event),
          AuditedEvents.occurredAt(event), AuditedEvents.actorOf(event), AuditedEvents.unitOf(event),
          text(event, "field"), text(event, "audience"), text(event, "purpose"), text(event, "reason"),
          text(event, "rule"), texts(event, "changedFields"), genuine);
    } catch (IOException e) {
      return new AuditRecordView(row.sequence(), row.kind(), row.caseId(), row.occurredAt(), row.actorId(),
          row.unitId(), null, null, null, null, null, null, false);
    }
  }

  private static List<String> texts(GenericRecord event, String field) {
    Object value = event.getSchema().getField(field) == null ? null : event.get(field);
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : null;
  }

  private static String text(GenericRecord event, String field) {
    Object value = event.getSchema().getField(field) == null ? null : event.get(field);
    return value == null ? null : value.toString();
  }
}
