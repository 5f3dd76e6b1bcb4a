package org.komar.benchmarks.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.komar.benchmarks.LocalKafka;
import org.komar.infra.ClientSettings;

/**
 * What this machine can do without Komar, measured on the platform's own broker and database: the bounds Komar's
 * figures are compared with.
 */
final class Ceilings {

  private Ceilings() {
  }

  /** Records per second, and bytes per record. */
  record KafkaCeiling(double recordsPerSecond, int recordBytes, int records) {
  }

  /** Transactions per second and their latency (microseconds), with this many connections. */
  record DatabaseCeiling(double transactionsPerSecond, int connections, Histogram latency) {
  }

  /**
   * A raw producer as the outbox relay configures one ({@code acks=all}, idempotent), sending copies of a real
   * intake record (same key, value and headers, so the same size) to a scratch topic with as many partitions.
   */
  static KafkaCeiling kafkaProducer(Map<String, Object> kafkaSettings, ConsumerRecord<String, byte[]> sample, int partitions,
      int records) throws ExecutionException, InterruptedException {
    String topic = "benchmark-ceiling-" + System.currentTimeMillis();
    try (Admin admin = Admin.create(kafkaSettings)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
      try (var producer = new KafkaProducer<>(ClientSettings.plus(kafkaSettings,
          "acks", "all",
          "enable.idempotence", true), new StringSerializer(), new ByteArraySerializer())) {
        // Warm the connection and metadata first.
        producer.send(new ProducerRecord<>(topic, null, sample.key(), sample.value(), sample.headers())).get();
        long started = System.nanoTime();
        List<Future<?>> sends = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
          sends.add(producer.send(new ProducerRecord<>(topic, null, sample.key() + i, sample.value(),
              sample.headers())));
        }
        producer.flush();
        for (Future<?> send : sends) {
          send.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int bytes = sample.serializedKeySize() + sample.serializedValueSize();
        return new KafkaCeiling(records / seconds, bytes, records);
      } finally {
        admin.deleteTopics(Set.of(topic)).all().get();
      }
    }
  }

  /**
   * The intake's database transaction alone: one intake row and one outbox row, copied from a real intake (so
   * the same sizes, indexes and constraints), committed with {@code synchronous_commit=on} from as many
   * connections as intake-service's pool holds. Runs in a scratch schema that is dropped afterwards.
   */
  static DatabaseCeiling databaseTransaction(String jdbcUrl, String user, String password, String sampleCaseId,
      int connections, Duration duration) throws SQLException, InterruptedException {
    try (Connection setup = DriverManager.getConnection(jdbcUrl, user, password);
        Statement statement = setup.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS benchmark CASCADE");
      statement.execute("CREATE SCHEMA benchmark");
      statement.execute("CREATE TABLE benchmark.intakes (LIKE public.intakes INCLUDING ALL)");
      statement.execute("CREATE TABLE benchmark.outbox (LIKE public.outbox INCLUDING ALL)");
    }
    try {
      AtomicLong committed = new AtomicLong();
      Histogram latency = new Histogram(60_000_000L, 3);
      long end = System.nanoTime() + duration.toNanos();
      List<Thread> workers = new ArrayList<>();
      List<SQLException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      long started = System.nanoTime();
      for (int w = 0; w < connections; w++) {
        workers.add(Thread.ofPlatform().start(() -> {
          try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            try (Statement statement = connection.createStatement()) {
              statement.execute("SET synchronous_commit = on");
            }
            connection.setAutoCommit(false);
            PreparedStatement intake = connection.prepareStatement("""
                INSERT INTO benchmark.intakes SELECT gen_random_uuid(), gen_random_uuid()::text, reporter_pin_hash,
                  reporter_pin, status, now(), hotline_id, channel, reporter_relationship, child_age_band,
                  child_gender, province, language, risk_level, female_officer, incident_categories,
                  child_identity, narrative, content_urls, offender_handles, reporter_contact, NULL, request_hash
                FROM public.intakes WHERE case_id = ?::uuid""");
            PreparedStatement outbox = connection.prepareStatement("""
                INSERT INTO benchmark.outbox (event_id, topic, record_key, value_type, payload)
                SELECT gen_random_uuid()::text, topic, record_key, value_type, payload
                FROM public.outbox WHERE record_key = ? ORDER BY id LIMIT 1""");
            intake.setString(1, sampleCaseId);
            outbox.setString(1, sampleCaseId);
            while (System.nanoTime() < end) {
              long begun = System.nanoTime();
              if (intake.executeUpdate() != 1 || outbox.executeUpdate() != 1) {
                throw new SQLException("the sample intake " + sampleCaseId + " or its outbox row is gone");
              }
              connection.commit();
              committed.incrementAndGet();
              synchronized (latency) {
                latency.recordValue(Math.max(1, (System.nanoTime() - begun) / 1_000));
              }
            }
          } catch (SQLException e) {
            failures.add(e);
          }
        }));
      }
      for (Thread worker : workers) {
        worker.join();
      }
      if (!failures.isEmpty()) {
        throw failures.getFirst();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return new DatabaseCeiling(committed.get() / seconds, connections, latency);
    } finally {
      try (Connection cleanup = DriverManager.getConnection(jdbcUrl, user, password);
          Statement statement = cleanup.createStatement()) {
        statement.execute("DROP SCHEMA benchmark CASCADE");
      }
    }
  }
}
