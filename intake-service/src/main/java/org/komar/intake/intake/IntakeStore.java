package org.komar.intake.intake;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/** The {@code intakes} table. Every call joins the caller's transaction, or runs in one of its own. */
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

  private static final String COLUMNS = "case_id, case_reference, reporter_pin_hash, reporter_pin, status, received_at,"
      + " hotline_id, channel, reporter_relationship, child_age_band, child_gender, province, language, risk_level,"
      + " female_officer, incident_categories, child_identity, narrative, content_urls, offender_handles,"
      + " reporter_contact, idempotency_key, request_hash";

  private final TransactionOperations<Connection> transactions;

  public IntakeStore(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  public void insert(IntakeRow row) {
    transactions.executeWrite(status -> {
      Connection connection = status.getConnection();
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO intakes (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int i = 0;
        insert.setObject(++i, row.caseId());
        insert.setString(++i, row.caseReference());
        insert.setString(++i, row.reporterPinHash());
        insert.setBytes(++i, row.reporterPin());
        insert.setString(++i, row.status());
        insert.setTimestamp(++i, Timestamp.from(row.receivedAt()));
        insert.setString(++i, row.hotlineId());
        insert.setString(++i, row.channel());
        insert.setString(++i, row.reporterRelationship());
        insert.setString(++i, row.childAgeBand());
        insert.setString(++i, row.childGender());
        insert.setString(++i, row.province());
        insert.setString(++i, row.language());
        insert.setString(++i, row.riskLevel());
        insert.setBoolean(++i, row.femaleOfficer());
        insert.setArray(++i, connection.createArrayOf("text", row.incidentCategories().toArray()));
        insert.setBytes(++i, row.childIdentity());
        insert.setBytes(++i, row.narrative());
        insert.setBytes(++i, row.contentUrls());
        insert.setBytes(++i, row.offenderHandles());
        insert.setBytes(++i, row.reporterContact());
        insert.setString(++i, row.idempotencyKey());
        insert.setBytes(++i, row.requestHash());
        insert.executeUpdate();
        return null;
      } catch (SQLException e) {
        if ("23505".equals(e.getSQLState())) {
          String message = String.valueOf(e.getMessage());
          throw new Duplicate(message.contains("idempotency_key") ? "idempotency_key"
              : message.contains("case_reference") ? "case_reference" : "case_id", e);
        }
        throw new IllegalStateException("Could not store the intake of case " + row.caseId(), e);
      }
    });
  }

  public void markErased(java.util.UUID caseId) {
    transactions.executeWrite(status -> {
      try (PreparedStatement update = status.getConnection().prepareStatement(
          "UPDATE intakes SET status = 'ERASED' WHERE case_id = ?")) {
        update.setObject(1, caseId);
        return update.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException("Could not mark case " + caseId + " erased", e);
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

  public Optional<IntakeRow> findByIdempotencyKey(String key) {
    return findBy("idempotency_key", key);
  }

  public Optional<IntakeRow> findByCaseReference(String reference) {
    return findBy("case_reference", reference);
  }

  private Optional<IntakeRow> findBy(String column, String value) {
    return transactions.executeRead(status -> {
      try (PreparedStatement select = status.getConnection().prepareStatement(
          "SELECT " + COLUMNS + " FROM intakes WHERE " + column + " = ?")) {
        select.setString(1, value);
        try (ResultSet row = select.executeQuery()) {
          return row.next() ? Optional.of(read(row)) : Optional.<IntakeRow>empty();
        }
      } catch (SQLException e) {
        throw new IllegalStateException("Could not read an intake by " + column, e);
      }
    });
  }

  private static IntakeRow read(ResultSet row) throws SQLException {
    Array categories = row.getArray("incident_categories");
    return new IntakeRow(row.getObject("case_id", UUID.class), row.getString("case_reference"),
        row.getString("reporter_pin_hash"), row.getBytes("reporter_pin"), row.getString("status"),
        row.getTimestamp("received_at").toInstant(), row.getString("hotline_id"), row.getString("channel"),
        row.getString("reporter_relationship"), row.getString("child_age_band"), row.getString("child_gender"),
        row.getString("province"), row.getString("language"), row.getString("risk_level"),
        row.getBoolean("female_officer"), Arrays.asList((String[]) categories.getArray()),
        row.getBytes("child_identity"), row.getBytes("narrative"), row.getBytes("content_urls"),
        row.getBytes("offender_handles"), row.getBytes("reporter_contact"), row.getString("idempotency_key"),
        row.getBytes("request_hash"));
  }
}
