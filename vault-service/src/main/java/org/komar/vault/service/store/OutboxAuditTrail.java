package org.komar.vault.service.store;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.komar.events.AuditEvent;
import org.komar.outbox.Outbox;
import org.komar.outbox.OutboxException;
import org.komar.schemas.Topics;
import org.komar.schemas.audit.AuditChain;
import org.komar.vault.AuditTrail;

/**
 * Records the vault's audit events on {@code audit-events}, hash-chained per case, through the outbox: the next
 * link is computed under a lock on the case's chain head and queued in the same transaction, so two vault
 * instances never fork a chain and an event is queued exactly when the head moves. It joins the caller's
 * transaction, so a crypto-shredding and its {@code CaseErased} commit together.
 */
public final class OutboxAuditTrail implements AuditTrail {

  private final TransactionOperations<Connection> transactions;
  private final Outbox outbox;

  public OutboxAuditTrail(TransactionOperations<Connection> transactions, Outbox outbox) {
    this.transactions = transactions;
    this.outbox = outbox;
  }

  @Override
  public void record(String caseId, SpecificRecord event) {
    transactions.executeWrite(status -> {
      Connection connection = status.getConnection();
      AuditEvent link = AuditChain.link(lockHead(connection, caseId), event);
      outbox.append(Topics.AUDIT_EVENTS, caseId, eventId(event), link);
      moveHead(connection, caseId, AuditChain.hash(link));
      return null;
    });
  }

  private static String eventId(SpecificRecord event) {
    Object eventId = event instanceof GenericRecord record ? record.get("eventId") : null;
    if (eventId == null) {
      throw new IllegalArgumentException("An audit event needs an eventId: " + event.getSchema().getName());
    }
    return eventId.toString();
  }

  /** The hash of the case's last audit event (null for its first), locked until the transaction ends. */
  private static byte[] lockHead(Connection connection, String caseId) {
    try (PreparedStatement claim = connection.prepareStatement(
        "INSERT INTO audit_chain (case_id, last_hash) VALUES (?, ''::bytea) ON CONFLICT (case_id) DO NOTHING");
        PreparedStatement select = connection.prepareStatement(
            "SELECT last_hash FROM audit_chain WHERE case_id = ? FOR UPDATE")) {
      claim.setString(1, caseId);
      claim.executeUpdate();
      select.setString(1, caseId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        byte[] hash = row.getBytes(1);
        return hash.length == 0 ? null : hash;
      }
    } catch (SQLException e) {
      throw new OutboxException("Could not lock the audit chain of case " + caseId, e);
    }
  }

  private static void moveHead(Connection connection, String caseId, byte[] hash) {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE audit_chain SET last_hash = ?, updated_at = now() WHERE case_id = ?")) {
      update.setBytes(1, hash);
      update.setString(2, caseId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new OutboxException("Could not move the audit chain of case " + caseId, e);
    }
  }
}
