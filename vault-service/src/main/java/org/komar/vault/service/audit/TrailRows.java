package org.komar.vault.service.audit;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.komar.schemas.audit.AuditChain;
import org.komar.vault.audit.TrailVerifier.SignedRecord;

/**
 * The audit trail's tables in the vault's database ({@code V6__signed_audit_trail.sql}): its rows, the schemas their
 * events were written in, and its head. Every method works on the caller's connection, inside its transaction.
 */
final class TrailRows {

  private TrailRows() {
  }

  /** The trail's last record: its sequence number (0 for an empty trail) and hash (null then). */
  record Head(long sequence, byte[] hash) {
  }

  /** A row as stored: what the auditors' view filters on, and the signed record. */
  record Row(long sequence, String caseId, String kind, String actorId, String unitId, Instant occurredAt,
      SignedRecord record) {
  }

  /** The head, locked until the transaction ends: writers take their sequence numbers one after another. */
  static Head lockHead(Connection connection) throws SQLException {
    return head(connection, "SELECT sequence, last_hash FROM audit_head FOR UPDATE");
  }

  /** The head as last committed, without waiting for a writer. */
  static Head head(Connection connection) throws SQLException {
    return head(connection, "SELECT sequence, last_hash FROM audit_head");
  }

  private static Head head(Connection connection, String query) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(query); ResultSet row = select.executeQuery()) {
      if (!row.next()) {
        throw new SQLException("The audit trail's head row is missing");
      }
      return new Head(row.getLong(1), row.getBytes(2));
    }
  }

  /** Appends a signed record of {@code event}, a record of the {@code AuditEvent} union, and moves the head to it. */
  static void append(Connection connection, GenericRecord event, AuditChain.Link link, byte[] signature)
      throws SQLException {
    rememberSchema(connection, event.getSchema(), link.schemaFingerprint());
    try (PreparedStatement insert = connection.prepareStatement("""
        INSERT INTO audit_trail (sequence, case_id, kind, actor_id, unit_id, occurred_at, previous_hash,
            schema_fingerprint, event, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        PreparedStatement head = connection.prepareStatement(
            "UPDATE audit_head SET sequence = ?, last_hash = ?")) {
      insert.setLong(1, link.sequence());
      insert.setString(2, AuditedEvents.caseOf(event));
      insert.setString(3, event.getSchema().getName());
      insert.setString(4, AuditedEvents.actorOf(event));
      insert.setString(5, AuditedEvents.unitOf(event));
      insert.setTimestamp(6, Timestamp.from(AuditedEvents.occurredAt(event)));
      insert.setBytes(7, link.previousHash());
      insert.setBytes(8, link.schemaFingerprint());
      insert.setBytes(9, link.eventBytes());
      insert.setBytes(10, signature);
      insert.executeUpdate();
      head.setLong(1, link.sequence());
      head.setBytes(2, link.hash());
      head.executeUpdate();
    }
  }

  /** Stores the schema an event is written in, the first time; in the record's transaction, which it must outlive. */
  private static void rememberSchema(Connection connection, Schema schema, byte[] fingerprint) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO audit_schemas (fingerprint, schema) VALUES (?, ?) ON CONFLICT (fingerprint) DO NOTHING")) {
      insert.setBytes(1, fingerprint);
      insert.setString(2, schema.toString());
      insert.executeUpdate();
    }
  }

  /** The schemas the trail's events were written in, by fingerprint. */
  static Map<ByteBuffer, String> schemas(Connection connection) throws SQLException {
    Map<ByteBuffer, String> schemas = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT fingerprint, schema FROM audit_schemas");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        schemas.put(ByteBuffer.wrap(rows.getBytes(1)), rows.getString(2));
      }
    }
    return schemas;
  }

  /**
   * Hands {@code each} the rows that {@code where} selects (an SQL condition on the columns, with {@code parameters}),
   * in the order of the trail, from the first sequence number after {@code after}, at most {@code limit} of them;
   * read in batches, so a long trail never sits in memory whole.
   */
  static void walk(Connection connection, String where, List<Object> parameters, long after, int limit,
      Consumer<Row> each) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("""
        SELECT sequence, case_id, kind, actor_id, unit_id, occurred_at, previous_hash, schema_fingerprint, event,
            signature FROM audit_trail WHERE sequence > ? AND (%s) ORDER BY sequence LIMIT ?""".formatted(where))) {
      select.setFetchSize(500);
      select.setLong(1, after);
      int index = 2;
      for (Object parameter : parameters) {
        select.setObject(index++, parameter);
      }
      select.setInt(index, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long sequence = rows.getLong(1);
          each.accept(new Row(sequence, rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
              rows.getTimestamp(6).toInstant(), new SignedRecord(new AuditChain.Link(sequence, rows.getBytes(7),
                  rows.getBytes(8), rows.getBytes(9)), rows.getBytes(10))));
        }
      }
    }
  }
}
