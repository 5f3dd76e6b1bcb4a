package org.komar.notification.events;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.komar.notification.directory.AgencyDirectory;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.RegistryUnreachable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.komar.kafka.KomarKafka;

/**
 * Reads the events that ask for messages (intakes, referrals, take-down requests, escalations, case states),
 * read_committed, and hands each to {@link EventHandler}. An offset is committed only after its event's
 * deliveries are committed to PostgreSQL; an event read twice is recognised there. A record that cannot be read
 * is parked in its topic's dead-letter twin and the next one is read. When PostgreSQL is down, the consumer
 * waits and tries the same record again: nothing is skipped.
 */
@Singleton
@Requires(property = "komar.notification.consumer.enabled", notEquals = "false")
public final class EventConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
  private static final List<Topic<String, ?>> TOPICS = List.of(Topics.CASE_INTAKES, Topics.REFERRALS_POLICE,
      Topics.REFERRALS_PSYCHOSOCIAL, Topics.REFERRALS_FOLLOW_UP, Topics.TAKEDOWN_REQUESTS, Topics.ESCALATIONS,
      Topics.CASE_STATES);

  private final EventHandler handler;
  private final io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;
  private final org.komar.notification.send.DueSignal signal;
  private final DeadLetters deadLetters;
  private final AgencyDirectory directory;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Deserializer<?>> values = new HashMap<>();
  private volatile boolean running;
  private Thread reader;

  EventConsumer(EventHandler handler, org.komar.notification.send.DueSignal signal, DeadLetters deadLetters,
      AgencyDirectory directory, io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions,
      KomarKafka kafka, @Value("${komar.notification.group-id:komar-notification}") String groupId) {
    this.handler = handler;
    this.transactions = transactions;
    this.signal = signal;
    this.deadLetters = deadLetters;
    this.directory = directory;
    TOPICS.forEach(topic -> values.put(topic.name(), kafka.serdes().valueSerde(topic).deserializer()));
    // A consumer of its own, not a @KafkaListener: offsets are committed after PostgreSQL's commit, and only the
    // partitions of a record that failed are sought back while the others go on.
    Map<String, Object> config = new HashMap<>();
    config.put("group.id", groupId);
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    // Routing's transactions commit every few milliseconds; a long fetch wait would sit out the markers.
    config.put("fetch.max.wait.ms", 50);
    config.put("max.poll.records", 200);
    consumer = kafka.consumer("events", config, new ByteArrayDeserializer());
  }

  @EventListener
  void onStartup(StartupEvent event) {
    start();
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    reader = Thread.ofPlatform().name("notification-events").daemon().start(this::run);
  }

  private void run() {
    try {
      while (running && !directory.awaitLoaded(Duration.ofSeconds(5))) {
        LOG.info("Waiting for the agency directory before reading events");
      }
      consumer.subscribe(TOPICS.stream().map(Topic::name).toList());
      Duration backoff = Duration.ofMillis(500);
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          continue;
        }
        // Read before any transaction: a serde waiting for the registry must not hold one open.
        List<Read> reads = new java.util.ArrayList<>(records.count());
        records.forEach(record -> reads.add(read(record)));
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        java.util.Set<TopicPartition> stalled = new java.util.HashSet<>();
        if (handleAllAtOnce(reads, done)) {
          signal.raise();
          consumer.commitSync(done);
          backoff = Duration.ofMillis(500);
          continue;
        }
        // One of them failed: each on its own, so that the others go on and only the failed one waits.
        done.clear();
        for (Read read : reads) {
          ConsumerRecord<String, byte[]> record = read.record();
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (stalled.contains(partition)) {
            continue; // its failed record comes first, when the partition is read again
          }
          try {
            handle(read);
            done.put(partition, new OffsetAndMetadata(record.offset() + 1));
          } catch (RuntimeException e) {
            LOG.warn("Could not handle a record of {} ({}); trying it again in {} ms", record.topic(),
                e.getClass().getSimpleName(), backoff.toMillis());
            consumer.seek(partition, record.offset());
            stalled.add(partition);
          }
        }
        if (!done.isEmpty()) {
          signal.raise();
          consumer.commitSync(done);
        }
        boolean failed = !stalled.isEmpty();
        if (failed) {
          Thread.sleep(backoff.toMillis());
          backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
              : backoff.multipliedBy(2);
        } else {
          backoff = Duration.ofMillis(500);
        }
      }
    } catch (WakeupException | InterruptedException stopping) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("The event consumer stopped ({})", e.getClass().getSimpleName(), e);
    } finally {
      consumer.close();
    }
  }

  /** The whole batch in one transaction (one commit, not one per event); false if any of it failed. */
  private boolean handleAllAtOnce(List<Read> reads, Map<TopicPartition, OffsetAndMetadata> done) {
    try {
      transactions.executeWrite(status -> {
        for (Read read : reads) {
          handle(read);
          done.put(new TopicPartition(read.record().topic(), read.record().partition()),
              new OffsetAndMetadata(read.record().offset() + 1));
        }
        return null;
      });
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A record and the event it carries; none for a tombstone, or for a record parked as unreadable. */
  private record Read(ConsumerRecord<String, byte[]> record, SpecificRecord event) {
  }

  /**
   * The record's event, its serde waiting for the registry while that cannot answer; a record that cannot be read
   * is parked here, once. A registry failure only gets out if this thread is being stopped: not parked, it is read
   * again by the next consumer.
   */
  private Read read(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return new Read(record, null);
    }
    try {
      Object event = values.get(record.topic()).deserialize(record.topic(), record.headers(), record.value());
      return new Read(record, event instanceof SpecificRecord specific ? specific : null);
    } catch (RuntimeException e) {
      if (RegistryUnreachable.causedBy(e)) {
        throw e;
      }
      deadLetters.park(record.topic(), record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
          record.value(), e.getClass().getName(), "cannot be read (" + e.getClass().getSimpleName() + ")");
      return new Read(record, null);
    }
  }

  private void handle(Read read) {
    if (read.event() != null) {
      handler.handle(read.record().topic(), read.record().value(), read.event());
    }
  }

  @PreDestroy
  @Override
  public synchronized void close() {
    running = false;
    consumer.wakeup();
    if (reader != null) {
      try {
        reader.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
