package org.komar.notification.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.komar.events.Language;
import org.komar.events.NotificationChannel;
import org.komar.events.Recipient;
import org.komar.events.ReporterMessages;
import org.komar.notification.plan.PlannedDelivery;
import org.komar.notification.plan.Template;
import org.komar.schemas.reporter.ReporterStatus;

/**
 * The deliveries table, and the handled events and reporters beside it. Every method runs in the caller's
 * transaction (or one of its own), so that an event, the deliveries it asks for and its handled mark commit
 * together, and a delivery's outcome commits with its receipt in the outbox.
 */
@Singleton
public final class Deliveries {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> VARIABLES = new TypeReference<>() {
  };

  /**
   * Due deliveries, at most {@code perLane} from each lane (oldest first), so that a lane with a backlog never
   * crowds the others out of a batch; locked, skipping rows another instance is claiming. It costs the same at 100
   * and at 100,000 pending rows: the lanes with pending rows are found by skipping through the index
   * {@code deliveries_pending_by_lane} (V4) one lane at a time, and each lane's oldest due rows are read from it
   * (a lateral index scan that stops at {@code perLane}), never the whole backlog.
   */
  public static final String DUE = """
      WITH RECURSIVE lanes (lane) AS (
          (SELECT lane FROM deliveries WHERE status = 'PENDING' ORDER BY lane LIMIT 1)
        UNION ALL
          SELECT (SELECT d.lane FROM deliveries d WHERE d.status = 'PENDING' AND d.lane > lanes.lane
                   ORDER BY d.lane LIMIT 1)
            FROM lanes WHERE lanes.lane IS NOT NULL)
      SELECT due.* FROM lanes CROSS JOIN LATERAL (
          SELECT d.* FROM deliveries d
           WHERE d.status = 'PENDING' AND d.lane = lanes.lane AND d.next_attempt_at <= now()
           ORDER BY d.next_attempt_at, d.created_at
           LIMIT ?
             FOR UPDATE SKIP LOCKED) due
       WHERE lanes.lane IS NOT NULL""";

  private final TransactionOperations<Connection> transactions;

  public Deliveries(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /** Marks an event handled; false if it was handled before (then it must ask for nothing again). */
  public boolean markHandled(String eventId, String topic) {
    return update("INSERT INTO handled_events (event_id, topic) VALUES (?, ?) ON CONFLICT DO NOTHING",
        eventId, topic) == 1;
  }

  public UUID insert(String eventId, String sourceTopic, byte[] sourceValue, String caseId, PlannedDelivery plan) {
    UUID id = UUID.randomUUID();
    transactions.executeWrite(status -> {
      try (PreparedStatement insert = status.getConnection().prepareStatement("""
          INSERT INTO deliveries (id, event_id, source_topic, source_value, case_id, recipient, unit_id, channel,
                                  address, lane, template, language, variables)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
        insert.setObject(1, id);
        insert.setString(2, eventId);
        insert.setString(3, sourceTopic);
        insert.setBytes(4, sourceValue);
        insert.setString(5, caseId);
        insert.setString(6, plan.recipient().name());
        insert.setString(7, plan.unitId());
        insert.setString(8, plan.channel().name());
        insert.setString(9, plan.address());
        insert.setString(10, plan.lane());
        insert.setString(11, plan.template().name());
        insert.setString(12, plan.language().name());
        insert.setString(13, JSON.writeValueAsString(plan.variables()));
        insert.executeUpdate();
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return id;
  }

  /** Due deliveries, at most {@code perLane} per lane, locked until the caller's transaction ends. */
  public List<Delivery> due(int perLane) {
    return transactions.executeWrite(status -> {
      try (PreparedStatement select = status.getConnection().prepareStatement(DUE)) {
        select.setInt(1, perLane);
        try (ResultSet rows = select.executeQuery()) {
          List<Delivery> due = new ArrayList<>();
          while (rows.next()) {
            due.add(delivery(rows));
          }
          return due;
        }
      }
    });
  }

  /** An attempt begins: counted now, and the delivery left alone until {@code leaseUntil}, when it is due again. */
  public void claim(Collection<UUID> ids, Instant leaseUntil) {
    updateMany("UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ANY (?)", ids,
        leaseUntil);
  }

  /** Not now: due again at {@code when}, without counting an attempt (its lane is full or its breaker open). */
  public void postpone(Collection<UUID> ids, Instant when) {
    updateMany("UPDATE deliveries SET next_attempt_at = ? WHERE id = ANY (?)", ids, when);
  }

  public void delivered(UUID id) {
    update("UPDATE deliveries SET status = 'DELIVERED', delivered_at = now(), last_error = NULL WHERE id = ?", id);
  }

  public void retryAt(UUID id, Instant when, String error) {
    update("UPDATE deliveries SET next_attempt_at = ?, last_error = ? WHERE id = ?", Timestamp.from(when), error, id);
  }

  public void failed(UUID id, String error) {
    update("UPDATE deliveries SET status = 'FAILED', last_error = ? WHERE id = ?", error, id);
  }

  /**
   * Registers a reporter who agreed to updates; their contact stays sealed, and their case's reference is kept only
   * if they chose messages that give it.
   */
  public void registerReporter(String caseId, String caseReference, byte[] sealedContact, Language language,
      ReporterMessages messages) {
    update("""
        INSERT INTO reporters (case_id, case_reference, sealed_contact, language, messages) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (case_id) DO NOTHING""", caseId,
        messages == ReporterMessages.WITH_REFERENCE ? caseReference : null, sealedContact, language.name(),
        messages.name());
  }

  /**
   * A registered reporter: sealed contact, language, the words they chose, the case's reference (null unless they
   * chose it), and the last status they were told of.
   */
  public record Reporter(@Nullable String caseReference, byte[] sealedContact, Language language,
      ReporterMessages messages, @Nullable String lastStatus) {
  }

  public Optional<Reporter> reporter(String caseId) {
    return transactions.executeRead(status -> {
      try (PreparedStatement select = status.getConnection().prepareStatement(
          "SELECT case_reference, sealed_contact, language, messages, last_status FROM reporters WHERE case_id = ?")) {
        select.setString(1, caseId);
        try (ResultSet row = select.executeQuery()) {
          return row.next() ? Optional.of(new Reporter(row.getString(1), row.getBytes(2),
              Language.valueOf(row.getString(3)), ReporterMessages.valueOf(row.getString(4)), row.getString(5)))
              : Optional.<Reporter>empty();
        }
      }
    });
  }

  /** The reporter has been told {@code told}: recorded only forward, so a step told cannot be taken back. */
  public void reporterTold(String caseId, ReporterStatus told) {
    update("UPDATE reporters SET last_status = ? WHERE case_id = ? AND (last_status IS NULL OR last_status = ANY (?))",
        told.name(), caseId, told.earlier().stream().map(Enum::name).toArray(String[]::new));
  }

  /**
   * Where a case stands in this service's reading: whether its intake has been read, and the reporter status read
   * before it and held for it, if any.
   */
  public record CaseProgress(boolean intakeRead, Optional<ReporterStatus> held) {
  }

  /**
   * Locks the case's row in {@code case_intakes_read} (made if missing) until the caller's transaction ends, and
   * says where the case stands. Its intake and its states, even when two instances read them at once, are then
   * handled one after the other: a state can neither slip in between an intake's reading of the row and its
   * registering the reporter, nor be held by a transaction the intake cannot see yet.
   */
  public CaseProgress lockCase(String caseId) {
    return transactions.executeWrite(status -> {
      Connection connection = status.getConnection();
      try (PreparedStatement make = connection.prepareStatement(
          "INSERT INTO case_intakes_read (case_id, intake_read) VALUES (?, false) ON CONFLICT (case_id) DO NOTHING")) {
        make.setString(1, caseId);
        make.executeUpdate();
      }
      try (PreparedStatement lock = connection.prepareStatement(
          "SELECT intake_read, status_before FROM case_intakes_read WHERE case_id = ? FOR UPDATE")) {
        lock.setString(1, caseId);
        try (ResultSet row = lock.executeQuery()) {
          row.next();
          return new CaseProgress(row.getBoolean(1),
              Optional.ofNullable(row.getString(2)).map(ReporterStatus::valueOf));
        }
      }
    });
  }

  /** The case's intake has been read (its row locked by {@link #lockCase}): nothing is held for it any more. */
  public void intakeRead(String caseId) {
    update("UPDATE case_intakes_read SET intake_read = true, status_before = NULL WHERE case_id = ?", caseId);
  }

  /**
   * Holds {@code reporterStatus} for the case's intake (its row locked by {@link #lockCase}); the caller has checked
   * that the intake has not been read and that the status comes later than what is held.
   */
  public void holdForIntake(String caseId, ReporterStatus reporterStatus) {
    update("UPDATE case_intakes_read SET status_before = ? WHERE case_id = ?", reporterStatus.name(), caseId);
  }

  /** How many deliveries are in each status: for metrics and tests. */
  public long count(String status) {
    return transactions.executeRead(tx -> {
      try (PreparedStatement select = tx.getConnection().prepareStatement(
          "SELECT count(*) FROM deliveries WHERE status = ?")) {
        select.setString(1, status);
        try (ResultSet row = select.executeQuery()) {
          row.next();
          return row.getLong(1);
        }
      }
    });
  }

  private int update(String sql, Object... parameters) {
    return transactions.executeWrite(status -> {
      try (PreparedStatement statement = status.getConnection().prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          statement.setObject(i + 1, parameters[i]);
        }
        return statement.executeUpdate();
      }
    });
  }

  private void updateMany(String sql, Collection<UUID> ids, Instant when) {
    if (ids.isEmpty()) {
      return;
    }
    transactions.executeWrite(status -> {
      Connection connection = status.getConnection();
      Array array = connection.createArrayOf("uuid", ids.toArray());
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setTimestamp(1, Timestamp.from(when));
        statement.setArray(2, array);
        return statement.executeUpdate();
      } finally {
        array.free();
      }
    });
  }

  private static Delivery delivery(ResultSet row) throws SQLException {
    try {
      String unitId = row.getString("unit_id");
      return new Delivery(row.getObject("id", UUID.class), row.getString("event_id"), row.getString("source_topic"),
          row.getBytes("source_value"), row.getString("case_id"), Recipient.valueOf(row.getString("recipient")),
          unitId, NotificationChannel.valueOf(row.getString("channel")), row.getString("address"),
          row.getString("lane"), Template.valueOf(row.getString("template")),
          Language.valueOf(row.getString("language")), JSON.readValue(row.getString("variables"), VARIABLES),
          row.getInt("attempts"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
