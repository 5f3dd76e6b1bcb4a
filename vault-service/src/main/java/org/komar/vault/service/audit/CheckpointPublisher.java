package org.komar.vault.service.audit;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.komar.events.AuditCheckpoint;
import org.komar.kafka.KomarKafka;
import org.komar.schemas.Topics;
import org.komar.schemas.audit.AuditChain;
import org.komar.vault.audit.AuditSigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the trail's signed head while it grows, every {@code AUDIT_CHECKPOINT_PERIOD}: to the compacted topic
 * {@code audit-checkpoints} and to the checkpoint folder outside the database ({@link CheckpointFiles}), and once more
 * when the vault stops. A verifier that finds the trail ending before a checkpoint knows its tail was cut.
 *
 * <p>A head that went back since the last checkpoint is not signed: it is reported, because only a trail cut off
 * behind the vault's back moves it so.
 */
@Singleton
public final class CheckpointPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointPublisher.class);
  /** The compacted topic keeps the latest checkpoint under this one key. */
  static final String KEY = "head";

  private final TransactionOperations<Connection> transactions;
  private final AuditSigningKey key;
  private final CheckpointFiles files;
  private final KafkaProducer<String, Object> producer;
  private final Clock clock = Clock.systemUTC();
  private long published;

  CheckpointPublisher(TransactionOperations<Connection> transactions, AuditSigningKey key, CheckpointFiles files,
      KomarKafka kafka) {
    this.transactions = transactions;
    this.key = key;
    this.files = files;
    this.producer = kafka.producer("audit-checkpoints", Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
        ProducerConfig.LINGER_MS_CONFIG, 0));
  }

  @Scheduled(fixedDelay = "${komar.audit.checkpoint-period:10s}", initialDelay = "${komar.audit.checkpoint-period:10s}")
  void publishIfMoved() {
    try {
      publish();
    } catch (RuntimeException e) {
      // Tried again next period; the trail itself is unaffected.
      LOG.warn("Could not publish an audit checkpoint: {}", e.toString());
    }
  }

  /** Publishes a checkpoint of the head if the trail grew since the last one; returns the checkpoint's sequence. */
  public synchronized long publish() {
    TrailRows.Head head = transactions.executeRead(status -> {
      try {
        return TrailRows.head(status.getConnection());
      } catch (SQLException e) {
        throw new IllegalStateException("Could not read the audit trail's head", e);
      }
    });
    if (head.sequence() < published) {
      LOG.error("The audit trail's head went back from record {} to record {}: the trail was cut; not signed",
          published, head.sequence());
      return published;
    }
    if (head.sequence() == published || head.hash() == null) {
      return published;
    }
    Instant now = clock.instant();
    byte[] signature = key.sign(AuditChain.checkpointMessage(head.sequence(), head.hash(), now));
    AuditCheckpoint checkpoint = AuditCheckpoint.newBuilder()
        .setSequence(head.sequence())
        .setHeadHash(ByteBuffer.wrap(head.hash()))
        .setPublishedAt(now)
        .setSignature(ByteBuffer.wrap(signature))
        .build();
    files.append(checkpoint);
    try {
      producer.send(new ProducerRecord<>(Topics.AUDIT_CHECKPOINTS.name(), KEY, checkpoint)).get(15, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not publish the audit checkpoint of record " + head.sequence(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while publishing an audit checkpoint", e);
    }
    published = head.sequence();
    return published;
  }

  @PreDestroy
  void close() {
    publishIfMoved();
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
