package org.komar.vault.service.overrides;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.komar.events.OverrideApplied;
import org.komar.vault.AuditTrail;

/**
 * Puts the rules routing overrode into the audit trail, which the vault alone writes: each override once, by its
 * event id, in the same transaction as the link of the case's chain that records it.
 */
@Singleton
public final class RecordedOverrides {

  private final TransactionOperations<Connection> transactions;
  private final AuditTrail trail;

  public RecordedOverrides(TransactionOperations<Connection> transactions, AuditTrail trail) {
    this.transactions = transactions;
    this.trail = trail;
  }

  /** Records {@code override} in its case's chain; true if it was new, false if it was recorded before. */
  public boolean record(OverrideApplied override) {
    return transactions.executeWrite(status -> {
      try (PreparedStatement first = status.getConnection().prepareStatement(
          "INSERT INTO recorded_overrides (event_id, case_id) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING")) {
        first.setString(1, override.getEventId());
        first.setString(2, override.getCaseId());
        if (first.executeUpdate() == 0) {
          return false;
        }
      } catch (SQLException e) {
        throw new IllegalStateException("Could not record an override", e);
      }
      trail.record(override.getCaseId(), override);
      return true;
    });
  }
}
