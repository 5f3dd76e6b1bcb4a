package org.komar.notification.store;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When a supervisor is told of an escalation: at once if they heard of none in the last {@code period}, else in the
 * digest at its end ({@code supervisor_alerts}, {@code escalations_waiting}, V3). Called inside the transaction of
 * the event or of the digest, so an escalation is either told or waiting, never lost nor told twice.
 */
@Singleton
public final class EscalationDigests {

  /** An escalation waiting for its supervisor's digest. */
  public record Waiting(long id, String unitId, String step, String caseId, String eventId, byte[] sourceValue) {
  }

  private final TransactionOperations<Connection> transactions;
  private final Duration period;

  EscalationDigests(TransactionOperations<Connection> transactions,
      @Value("${komar.notification.digest-period:15m}") Duration period) {
    this.transactions = transactions;
    this.period = period;
  }

  public Duration period() {
    return period;
  }

  /**
   * Whether {@code supervisorUnit} is told now: true, and the period starts again, if they heard of nothing in the
   * last period; false if they did (then the escalation waits, {@link #waitFor}).
   */
  public boolean tellNow(String supervisorUnit) {
    return transactions.executeWrite(status -> {
      try (PreparedStatement upsert = status.getConnection().prepareStatement("""
          INSERT INTO supervisor_alerts (supervisor_unit, last_sent_at) VALUES (?, now())
          ON CONFLICT (supervisor_unit) DO UPDATE SET last_sent_at = now()
           WHERE supervisor_alerts.last_sent_at <= now() - make_interval(secs => ?)""")) {
        upsert.setString(1, supervisorUnit);
        upsert.setDouble(2, period.toMillis() / 1000.0);
        return upsert.executeUpdate() == 1;
      }
    });
  }

  public void waitFor(String supervisorUnit, String unitId, String step, String caseId, String eventId,
      byte[] sourceValue) {
    transactions.executeWrite(status -> {
      try (PreparedStatement insert = status.getConnection().prepareStatement("""
          INSERT INTO escalations_waiting (supervisor_unit, unit_id, step, case_id, event_id, source_value)
          VALUES (?, ?, ?, ?, ?, ?)""")) {
        insert.setString(1, supervisorUnit);
        insert.setString(2, unitId);
        insert.setString(3, step);
        insert.setString(4, caseId);
        insert.setString(5, eventId);
        insert.setBytes(6, sourceValue);
        return insert.executeUpdate();
      }
    });
  }

  /**
   * The supervisors whose digest is due (something waits, and their period is over), locked: another instance
   * skips them meanwhile.
   */
  public List<String> due() {
    return transactions.executeWrite(status -> {
      try (PreparedStatement select = status.getConnection().prepareStatement("""
          SELECT a.supervisor_unit FROM supervisor_alerts a
           WHERE a.last_sent_at <= now() - make_interval(secs => ?)
             AND EXISTS (SELECT 1 FROM escalations_waiting w WHERE w.supervisor_unit = a.supervisor_unit)
           ORDER BY a.supervisor_unit
             FOR UPDATE SKIP LOCKED""")) {
        select.setDouble(1, period.toMillis() / 1000.0);
        try (ResultSet rows = select.executeQuery()) {
          List<String> due = new ArrayList<>();
          while (rows.next()) {
            due.add(rows.getString(1));
          }
          return due;
        }
      }
    });
  }

  /** Takes everything waiting for {@code supervisorUnit}: gone from the table, and their period starts again. */
  public List<Waiting> take(String supervisorUnit) {
    return transactions.executeWrite(status -> {
      List<Waiting> taken = new ArrayList<>();
      try (PreparedStatement delete = status.getConnection().prepareStatement("""
          DELETE FROM escalations_waiting WHERE supervisor_unit = ?
          RETURNING id, unit_id, step, case_id, event_id, source_value""")) {
        delete.setString(1, supervisorUnit);
        try (ResultSet rows = delete.executeQuery()) {
          while (rows.next()) {
            taken.add(new Waiting(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getBytes(6)));
          }
        }
      }
      try (PreparedStatement sent = status.getConnection().prepareStatement(
          "UPDATE supervisor_alerts SET last_sent_at = now() WHERE supervisor_unit = ?")) {
        sent.setString(1, supervisorUnit);
        sent.executeUpdate();
      }
      taken.sort(java.util.Comparator.comparingLong(Waiting::id));
      return taken;
    });
  }
}
