package org.komar.vault.service.directory;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.komar.events.AgencyUnit;
import org.komar.events.DirectoryChanged;
import org.komar.vault.AuditTrail;

/**
 * Puts every change of the agency directory into the audit trail: where referrals go, who is on duty, whether a unit
 * takes cases. The vault reads {@code agency-units} itself, so a unit written by any means (routing's directory API, a
 * tool with the administrator's login) is recorded, once per version, naming the fields that changed and who changed
 * them ({@code changedBy}, or {@code unknown} when the writer did not say).
 */
@Singleton
public final class RecordedDirectory {

  static final String UNKNOWN = "unknown";
  /** What identifies a version of a unit, beside its content: when and by whom it changed say nothing new. */
  private static final List<String> NOT_A_CHANGE = List.of("changedBy", "changedAt");

  private final TransactionOperations<Connection> transactions;
  private final AuditTrail trail;
  private final Clock clock = Clock.systemUTC();

  RecordedDirectory(TransactionOperations<Connection> transactions, AuditTrail trail) {
    this.transactions = transactions;
    this.trail = trail;
  }

  /** Records {@code unit} if it differs from the version recorded last; returns whether it did. */
  public boolean record(AgencyUnit unit) {
    byte[] bytes = encode(unit);
    return transactions.executeWrite(status -> {
      Connection connection = status.getConnection();
      try {
        AgencyUnit before = lockLast(connection, unit.getUnitId());
        List<String> changed = changedFields(before, unit);
        if (changed.isEmpty()) {
          return false;
        }
        store(connection, unit.getUnitId(), bytes);
        trail.record(unit.getUnitId(), DirectoryChanged.newBuilder()
            .setEventId(versionId(unit.getUnitId(), bytes))
            .setUnitId(unit.getUnitId())
            .setOccurredAt(unit.getChangedAt() != null ? unit.getChangedAt() : clock.instant())
            .setActorId(unit.getChangedBy() != null ? unit.getChangedBy() : UNKNOWN)
            .setChangedFields(changed)
            .setActive(unit.getActive())
            .build());
        return true;
      } catch (SQLException e) {
        throw new IllegalStateException("Could not record a change of the directory", e);
      }
    });
  }

  /** A name-based id of one version of a unit: the same version read again gets the same id. */
  private static String versionId(String unitId, byte[] version) {
    byte[] name = (unitId + "/").getBytes(StandardCharsets.UTF_8);
    byte[] both = Arrays.copyOf(name, name.length + version.length);
    System.arraycopy(version, 0, both, name.length, version.length);
    return UUID.nameUUIDFromBytes(both).toString();
  }

  /** The fields whose values differ, by name; every field of a unit the vault had not seen. */
  static List<String> changedFields(AgencyUnit before, AgencyUnit after) {
    List<String> changed = new ArrayList<>();
    for (Schema.Field field : AgencyUnit.getClassSchema().getFields()) {
      if (NOT_A_CHANGE.contains(field.name())) {
        continue;
      }
      if (before == null || !Objects.equals(before.get(field.pos()), after.get(field.pos()))) {
        changed.add(field.name());
      }
    }
    return changed;
  }

  private static AgencyUnit lockLast(Connection connection, String unitId) throws SQLException {
    try (PreparedStatement claim = connection.prepareStatement(
        "INSERT INTO directory_units (unit_id, unit) VALUES (?, ''::bytea) ON CONFLICT (unit_id) DO NOTHING");
        PreparedStatement select = connection.prepareStatement(
            "SELECT unit FROM directory_units WHERE unit_id = ? FOR UPDATE")) {
      claim.setString(1, unitId);
      claim.executeUpdate();
      select.setString(1, unitId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        byte[] bytes = row.getBytes(1);
        return bytes.length == 0 ? null : decode(bytes);
      }
    }
  }

  private static void store(Connection connection, String unitId, byte[] bytes) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE directory_units SET unit = ?, recorded_at = now() WHERE unit_id = ?")) {
      update.setBytes(1, bytes);
      update.setString(2, unitId);
      update.executeUpdate();
    }
  }

  private static byte[] encode(AgencyUnit unit) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new SpecificDatumWriter<>(AgencyUnit.class).write(unit, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AgencyUnit decode(byte[] bytes) {
    try {
      return new SpecificDatumReader<>(AgencyUnit.class).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    } catch (IOException e) {
      // A version stored by an older vault whose schema differs: count every field as changed.
      return null;
    }
  }
}
