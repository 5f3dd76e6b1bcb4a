package org.komar.intake.outbox;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;

/** How many of a test's own events are still unsent: the outbox is shared by every test of the JVM. */
final class OutboxRows {

  private OutboxRows() {
  }

  static long unsent(TransactionOperations<Connection> transactions, Collection<String> eventIds) {
    return transactions.executeRead(status -> {
      try (PreparedStatement count = status.getConnection().prepareStatement(
          "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND event_id = ANY (?)")) {
        count.setArray(1, status.getConnection().createArrayOf("text", eventIds.toArray()));
        try (ResultSet row = count.executeQuery()) {
          row.next();
          return row.getLong(1);
        }
      }
    });
  }
}
