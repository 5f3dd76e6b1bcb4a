package org.komar.vault.service.audit;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.komar.outbox.Outbox;
import org.komar.outbox.OutboxException;
import org.komar.schemas.Topics;
import org.komar.schemas.audit.AuditChain;
import org.komar.vault.AuditTrail;
import org.komar.vault.audit.AuditSigningKey;

/**
 * The platform's one audit trail, which only the vault writes: each record takes the next number of one global
 * sequence under a lock on the trail's head, is chained to the record before it and signed with the audit signing
 * key, and is stored in the vault's database ({@code audit_trail}) and queued for {@code audit-events} in the
 * caller's transaction. So an opening's record commits before its plaintext is returned, a crypto-shredding's with the
 * key's deletion, and two vault instances never number two records alike.
 */
@Singleton
public final class SignedAuditTrail implements AuditTrail {

  private final TransactionOperations<Connection> transactions;
  private final Outbox outbox;
  private final AuditSigningKey signingKey;

  public SignedAuditTrail(TransactionOperations<Connection> transactions, Outbox outbox, AuditSigningKey key) {
    this.transactions = transactions;
    this.outbox = outbox;
    this.signingKey = key;
  }

  @Override
  public void record(String key, SpecificRecord event) {
    if (!(event instanceof GenericRecord record) || record.getSchema().getField("eventId") == null) {
      throw new IllegalArgumentException("An audit event is a generated Avro record with an eventId: "
          + event.getSchema().getName());
    }
    transactions.executeWrite(status -> {
      Connection connection = status.getConnection();
      try {
        TrailRows.Head head = TrailRows.lockHead(connection);
        AuditChain.Link link = AuditChain.Link.next(head.sequence(), head.hash(), event);
        byte[] signature = signingKey.sign(link.message());
        TrailRows.append(connection, record, link, signature);
        // The outbox row is the trail's record, numbered as such: the same event may also go to another topic
        // (an erasure, to case-erasures), and the record's ce_id is still its event's id (Komar's serializer).
        outbox.append(Topics.AUDIT_EVENTS, key, "audit-record-" + link.sequence(), link.envelope(event, signature));
      } catch (SQLException e) {
        throw new OutboxException("Could not add to the audit trail for " + key, e);
      }
      return null;
    });
  }
}
