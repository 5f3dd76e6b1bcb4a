package org.komar.vault.service.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.komar.vault.SealingException;

/**
 * Which hotline recorded each case ({@code case_hotlines}), bound when its intake is sealed and never moved: a
 * hotline's operator or supervisor opens and erases the cases of their own hotline only, by the vault's own record
 * and not by the word of the service that asks. Every operation joins the caller's transaction.
 */
@Singleton
public final class CaseHotlines {

  private final TransactionOperations<Connection> transactions;

  public CaseHotlines(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /**
   * Binds the case to the hotline unless it is bound already; returns the hotline it is bound to now. One statement,
   * on every intake's path: a conflict "updates" the row to itself, so that RETURNING gives the hotline kept.
   */
  public String bind(String caseId, String hotlineId) {
    return transactions.executeWrite(status -> {
      try (PreparedStatement upsert = status.getConnection().prepareStatement("""
          INSERT INTO case_hotlines (case_id, hotline_id) VALUES (?, ?)
          ON CONFLICT (case_id) DO UPDATE SET hotline_id = case_hotlines.hotline_id
          RETURNING hotline_id""")) {
        upsert.setString(1, caseId);
        upsert.setString(2, hotlineId);
        try (ResultSet row = upsert.executeQuery()) {
          row.next();
          return row.getString(1);
        }
      } catch (SQLException e) {
        throw new SealingException("Could not bind case " + caseId + " to its hotline: " + e.getMessage(), e);
      }
    });
  }

  /** The hotline the case is bound to, if it is. */
  public Optional<String> of(String caseId) {
    return transactions.executeRead(status -> of(status.getConnection(), caseId));
  }

  /** Forgets the binding, with the key, when the case is erased. */
  public void forget(String caseId) {
    transactions.executeWrite(status -> {
      try (PreparedStatement delete = status.getConnection().prepareStatement(
          "DELETE FROM case_hotlines WHERE case_id = ?")) {
        delete.setString(1, caseId);
        return delete.executeUpdate();
      } catch (SQLException e) {
        throw new SealingException("Could not forget the hotline of case " + caseId + ": " + e.getMessage(), e);
      }
    });
  }

  private static Optional<String> of(Connection connection, String caseId) {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT hotline_id FROM case_hotlines WHERE case_id = ?")) {
      select.setString(1, caseId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new SealingException("Could not read the hotline of case " + caseId + ": " + e.getMessage(), e);
    }
  }
}
