package org.komar.outbox;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to Kafka, in order per key, and marks a row sent only once the broker acknowledged it.
 *
 * <p>Each batch locks, with {@code FOR UPDATE SKIP LOCKED}, only the oldest unsent row of each key, so two relays
 * can run side by side without ever publishing a key's events out of order: a row whose older sibling is being
 * published by the other relay is simply not a candidate yet. The producer is idempotent with {@code acks=all}.
 * When Kafka is down, rows wait; when the relay is killed between the broker's acknowledgement and the commit,
 * the row is published again, as the same event with the same {@code ce_id}, which consumers drop. The
 * CloudEvents headers come from Komar's serializer, as for every record Komar writes.
 */
public final class OutboxRelay implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  private static final String NEXT_BATCH = """
      SELECT o.id, o.event_id, o.topic, o.record_key, o.value_type, o.payload, o.created_at
        FROM outbox o
       WHERE o.sent_at IS NULL
         AND o.failed_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM outbox older
                          WHERE older.record_key = o.record_key AND older.sent_at IS NULL AND older.id < o.id)
       ORDER BY o.id
       LIMIT ?
         FOR UPDATE SKIP LOCKED""";

  private record Row(long id, String eventId, String topic, String key, String valueType, byte[] payload,
      java.time.Instant createdAt) {
  }

  private final TransactionOperations<Connection> transactions;
  private final Producer<String, Object> producer;
  private final int batchSize;
  private final Duration idlePoll;
  private final Map<String, BinaryMessageDecoder<Object>> decoders = new ConcurrentHashMap<>();
  private final Timer latency;
  private volatile Duration keepSent = Duration.ofHours(1);
  private volatile boolean running;
  private Thread worker;

  public OutboxRelay(TransactionOperations<Connection> transactions, Producer<String, Object> producer,
      int batchSize, Duration idlePoll, MeterRegistry metrics) {
    this.transactions = transactions;
    this.producer = producer;
    this.batchSize = batchSize;
    this.idlePoll = idlePoll;
    this.latency = Timer.builder("komar.outbox.relay.latency")
        .description("From an event's commit to the outbox to the broker's acknowledgement")
        .publishPercentiles(0.5, 0.99)
        .register(metrics);
    Gauge.builder("komar.outbox.lag", this, OutboxRelay::lagOrNaN)
        .description("Events committed to the outbox and not yet acknowledged by Kafka")
        .register(metrics);
    Gauge.builder("komar.outbox.parked", this, relay -> relay.count("failed_at IS NOT NULL AND sent_at IS NULL"))
        .description("Events that cannot be published as they are and wait for an operator")
        .register(metrics);
  }

  private double lagOrNaN() {
    try {
      return lag();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  /** The producer settings the relay needs on top of the cluster's own: idempotent, every replica acknowledges. */
  public static Map<String, Object> producerSettings() {
    return Map.of(
        "acks", "all",
        "enable.idempotence", true,
        "max.in.flight.requests.per.connection", 5,
        "linger.ms", 5,
        "compression.type", "lz4",
        // A send to a broker that is down fails within this, and its row waits for the next batch.
        "delivery.timeout.ms", 30_000,
        "request.timeout.ms", 10_000,
        "max.block.ms", 10_000);
  }

  /** Starts publishing in a thread of its own. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    worker = Thread.ofPlatform().name("outbox-relay").daemon()
        .uncaughtExceptionHandler((thread, error) -> LOG.error("Outbox relay stopped by an error", error))
        .start(this::run);
    LOG.info("Outbox relay started: batches of {}, idle poll {} ms", batchSize, idlePoll.toMillis());
  }

  /**
   * How long published rows stay before they are deleted. They only serve as a record for a short while, and they
   * hold sealed payloads: keep less.
   */
  public OutboxRelay keepingSentFor(Duration keep) {
    this.keepSent = keep;
    return this;
  }

  private void run() {
    Duration backoff = idlePoll;
    long nextPurge = System.nanoTime();
    while (running) {
      try {
        if (System.nanoTime() >= nextPurge) {
          purgeSent(keepSent);
          nextPurge = System.nanoTime() + PURGE_EVERY.toNanos();
        }
        int published = relayOnce();
        backoff = idlePoll;
        if (published == 0) {
          // Until the idle poll is up, or a commit that queued events wakes us (a wake-up that came while this
          // batch was read leaves its permit, so the next park returns at once).
          java.util.concurrent.locks.LockSupport.parkNanos(this, idlePoll.toNanos());
        }
      } catch (RuntimeException e) {
        LOG.warn("Outbox relay: {} Retrying in {} ms.", e.getMessage(), backoff.toMillis());
        sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  /**
   * Tells the relay that events were just committed to the outbox, so that they go out now rather than at the
   * next idle poll. Cheap, and harmless when there is nothing new.
   */
  public void wake() {
    Thread current = worker;
    if (current != null) {
      java.util.concurrent.locks.LockSupport.unpark(current);
    }
  }

  /** Publishes one batch; returns how many rows the broker acknowledged (and are now marked sent). */
  public int relayOnce() {
    return transactions.executeWrite(status -> {
      Connection connection = status.getConnection();
      List<Row> rows = nextBatch(connection);
      if (rows.isEmpty()) {
        return 0;
      }
      List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
      List<Row> sent = new ArrayList<>(rows.size());
      for (Row row : rows) {
        Future<RecordMetadata> send;
        try {
          send = producer.send(record(row));
        } catch (OutboxException | org.apache.kafka.common.errors.SerializationException unpublishable) {
          // This row can never go out as it is; park it, and let every other key flow.
          park(connection, row, unpublishable);
          continue;
        }
        sends.add(send);
        sent.add(row);
        if (send.isDone() && failed(send)) {
          // Kafka is unreachable (no metadata within max.block.ms): the rest would each wait as long.
          break;
        }
      }
      producer.flush();
      List<Long> acknowledged = new ArrayList<>(sends.size());
      String failure = null;
      java.time.Instant now = java.time.Instant.now();
      for (int i = 0; i < sends.size(); i++) {
        try {
          sends.get(i).get();
          acknowledged.add(sent.get(i).id());
          latency.record(Duration.between(sent.get(i).createdAt(), now));
        } catch (ExecutionException e) {
          failure = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure = "interrupted";
        }
      }
      markSent(connection, acknowledged);
      if (failure != null) {
        String message = (sent.size() - acknowledged.size()) + " of " + sent.size()
            + " events not acknowledged; they wait for the next batch: " + failure;
        if (acknowledged.isEmpty() && !sent.isEmpty()) {
          // Nothing got through: let the loop back off instead of retrying at once.
          throw new OutboxException(message, null);
        }
        LOG.warn("Outbox relay: {}", message);
      }
      return acknowledged.size();
    });
  }

  private static boolean failed(Future<RecordMetadata> send) {
    try {
      send.get();
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private double count(String condition) {
    try {
      return transactions.executeRead(status -> {
        try (PreparedStatement count = status.getConnection().prepareStatement(
            "SELECT count(*) FROM outbox WHERE " + condition); ResultSet row = count.executeQuery()) {
          row.next();
          return (double) row.getLong(1);
        } catch (SQLException e) {
          throw new OutboxException("Could not count the outbox", e);
        }
      });
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Deletes rows published more than {@code keep} ago; returns how many. */
  public int purgeSent(Duration keep) {
    return transactions.executeWrite(status -> {
      try (PreparedStatement delete = status.getConnection().prepareStatement(
          "DELETE FROM outbox WHERE sent_at < now() - ?::interval")) {
        delete.setString(1, keep.toSeconds() + " seconds");
        return delete.executeUpdate();
      } catch (SQLException e) {
        throw new OutboxException("Could not delete published outbox rows", e);
      }
    });
  }

  /** How many events wait to be published (not counting parked ones). */
  public long lag() {
    return transactions.executeRead(status -> {
      try (PreparedStatement count = status.getConnection().prepareStatement(
          "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL");
          ResultSet row = count.executeQuery()) {
        row.next();
        return row.getLong(1);
      } catch (SQLException e) {
        throw new OutboxException("Could not count the outbox", e);
      }
    });
  }

  private List<Row> nextBatch(Connection connection) {
    try (PreparedStatement select = connection.prepareStatement(NEXT_BATCH)) {
      select.setInt(1, batchSize);
      List<Row> rows = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
              result.getString(5), result.getBytes(6), result.getTimestamp(7).toInstant()));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new OutboxException("Could not read the outbox", e);
    }
  }

  private void park(Connection connection, Row row, RuntimeException reason) {
    String failure = reason.getClass().getSimpleName() + ": " + reason.getMessage();
    LOG.error("Outbox relay: event {} (row {}, {}) cannot be published and is parked; its key waits: {}",
        row.eventId(), row.id(), row.valueType(), failure);
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE outbox SET failed_at = now(), failure = ? WHERE id = ?")) {
      update.setString(1, failure.length() > 1000 ? failure.substring(0, 1000) : failure);
      update.setLong(2, row.id());
      update.executeUpdate();
    } catch (SQLException e) {
      throw new OutboxException("Could not park outbox row " + row.id(), e);
    }
  }

  private static void markSent(Connection connection, List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE outbox SET sent_at = now() WHERE id = ANY (?)")) {
      Array array = connection.createArrayOf("bigint", ids.toArray());
      update.setArray(1, array);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new OutboxException("Could not mark " + ids.size() + " published events as sent", e);
    }
  }

  private ProducerRecord<String, Object> record(Row row) {
    return new ProducerRecord<>(row.topic(), row.key(), decode(row));
  }

  private Object decode(Row row) {
    BinaryMessageDecoder<Object> decoder = decoders.computeIfAbsent(row.valueType(), type -> {
      try {
        Class<?> valueClass = Class.forName(type);
        return new BinaryMessageDecoder<>(SpecificData.getForClass(valueClass),
            SpecificData.get().getSchema(valueClass));
      } catch (ClassNotFoundException e) {
        throw new OutboxException("Outbox row " + row.id() + " has an unknown event type " + type, e);
      }
    });
    try {
      return decoder.decode(row.payload());
    } catch (java.io.IOException e) {
      throw new OutboxException("Outbox row " + row.id() + " does not decode as " + row.valueType(), e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops publishing after the batch in flight, then closes the producer. */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      this.running = false;
      running = worker;
    }
    if (running != null) {
      try {
        running.join(Duration.ofSeconds(40));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close(Duration.ofSeconds(10));
  }
}
