package org.komar.outbox;

import io.micronaut.context.BeanProvider;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.komar.schemas.Topic;

/**
 * Queues events for Kafka in the caller's database transaction (or a transaction of its own when there is
 * none), so that a state change and its event commit together or not at all. {@link OutboxRelay} publishes them,
 * woken as soon as the transaction commits.
 */
@Singleton
public final class Outbox {

  private final TransactionOperations<Connection> transactions;
  /** Absent where the relay is switched off; then the events wait for whoever relays them. */
  private final BeanProvider<OutboxRelay> relays;
  /** The relay, looked up at the first commit rather than at every one. */
  private volatile Optional<OutboxRelay> relay;
  private final TransactionSynchronization wakeRelayAfterCommit = new TransactionSynchronization() {
    @Override
    public void afterCommit() {
      relay().ifPresent(OutboxRelay::wake);
    }
  };

  public Outbox(TransactionOperations<Connection> transactions, BeanProvider<OutboxRelay> relays) {
    this.transactions = transactions;
    this.relays = relays;
  }

  private Optional<OutboxRelay> relay() {
    Optional<OutboxRelay> found = relay;
    if (found == null) {
      found = relays.isPresent() ? Optional.of(relays.get()) : Optional.empty();
      relay = found;
    }
    return found;
  }

  /**
   * Queues {@code event} for {@code topic}, keyed by {@code key}; {@code eventId} names the row, once in the whole
   * outbox (the record's {@code ce_id} comes from the event itself, through Komar's serializer).
   */
  public <V extends SpecificRecord> void append(Topic<String, V> topic, String key, String eventId, V event) {
    byte[] payload = encode(event);
    transactions.executeWrite(status -> {
      try (PreparedStatement insert = status.getConnection().prepareStatement(
          "INSERT INTO outbox (event_id, topic, record_key, value_type, payload) VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, eventId);
        insert.setString(2, topic.name());
        insert.setString(3, key);
        insert.setString(4, event.getSchema().getFullName());
        insert.setBytes(5, payload);
        insert.executeUpdate();
        status.registerSynchronization(wakeRelayAfterCommit);
        return null;
      } catch (SQLException e) {
        throw new OutboxException("Could not queue event " + eventId + " for " + topic.name(), e);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static <V extends SpecificRecord> byte[] encode(V event) {
    try {
      ByteBuffer buffer = new BinaryMessageEncoder<V>(SpecificData.getForClass(event.getClass()), event.getSchema())
          .encode(event);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
