package org.komar.intake.intake;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.komar.events.CaseStatus;
import org.komar.schemas.reporter.ReporterStatus;

/**
 * Intakes ({@link IntakeRepository}) and failed status checks. Every call joins the caller's transaction, or
 * runs in one of its own.
 */
@Singleton
public final class IntakeStore {

  /** A unique constraint said no; {@code constraint} names which. */
  public static final class Duplicate extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String constraint;

    Duplicate(String constraint, SQLException cause) {
      super("Duplicate " + constraint, cause);
      this.constraint = constraint;
    }

    public String constraint() {
      return constraint;
    }
  }

  private final TransactionOperations<Connection> transactions;
  private final IntakeRepository intakes;

  public IntakeStore(TransactionOperations<Connection> transactions, IntakeRepository intakes) {
    this.transactions = transactions;
    this.intakes = intakes;
  }

  public void insert(IntakeRow row) {
    try {
      intakes.save(row);
    } catch (RuntimeException e) {
      SQLException duplicate = uniqueViolation(e);
      if (duplicate == null) {
        throw e;
      }
      String message = String.valueOf(duplicate.getMessage());
      throw new Duplicate(message.contains("idempotency_key") ? "idempotency_key"
          : message.contains("case_reference") ? "case_reference" : "case_id", duplicate);
    }
  }

  private static SQLException uniqueViolation(Throwable failure) {
    for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return sql;
      }
    }
    return null;
  }

  public void markErased(UUID caseId) {
    intakes.markErased(caseId);
  }

  /**
   * Where the agencies' work on each case stands, as the reporter may hear it: each case's states in the order given,
   * all in one transaction, and only ever forward.
   */
  public void progressed(List<Map.Entry<UUID, CaseStatus>> progress) {
    transactions.executeWrite(status -> {
      progress.forEach(each -> ReporterStatus.of(each.getValue()).ifPresent(next -> intakes.moveForward(
          each.getKey(), next.name(), next.earlier().stream().map(ReporterStatus::name).toList())));
      return null;
    });
  }

  public Optional<IntakeRow> findByIdempotencyKey(String key) {
    return intakes.findByIdempotencyKey(key);
  }

  public Optional<IntakeRow> findByCaseReference(String reference) {
    return intakes.findByCaseReference(reference);
  }

  /** Serialises status checks of one reference until the transaction ends. */
  public void lockReference(String reference) {
    transactions.executeWrite(status -> {
      try (PreparedStatement lock = status.getConnection().prepareStatement(
          "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
        lock.setString(1, "status-check:" + reference);
        lock.execute();
        return null;
      } catch (SQLException e) {
        throw new IllegalStateException("Could not lock status checks of a reference", e);
      }
    });
  }

  public long recentFailures(String reference, java.time.Duration window) {
    return transactions.executeRead(status -> {
      try (PreparedStatement count = status.getConnection().prepareStatement(
          "SELECT count(*) FROM status_check_failures WHERE case_reference = ? AND failed_at > now() - ?::interval")) {
        count.setString(1, reference);
        count.setString(2, window.toSeconds() + " seconds");
        try (ResultSet row = count.executeQuery()) {
          row.next();
          return row.getLong(1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("Could not count status check failures", e);
      }
    });
  }

  public void recordFailure(String reference) {
    transactions.executeWrite(status -> {
      try (PreparedStatement insert = status.getConnection().prepareStatement(
          "INSERT INTO status_check_failures (case_reference) VALUES (?)")) {
        insert.setString(1, reference);
        return insert.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException("Could not record a failed status check", e);
      }
    });
  }
}
