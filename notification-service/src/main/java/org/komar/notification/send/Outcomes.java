package org.komar.notification.send;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.komar.events.NotificationDelivered;
import org.komar.events.NotificationFailed;
import org.komar.events.NotificationReceipt;
import org.komar.notification.events.DeadLetters;
import org.komar.notification.store.Deliveries;
import org.komar.notification.store.Delivery;
import org.komar.outbox.Outbox;
import org.komar.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of an attempt, recorded with its receipt in one transaction: delivered, with
 * {@code NotificationDelivered}; failed, to be tried again after its backoff; or, once the retry budget is spent
 * (or the failure cannot get better), failed for good: the event that asked for it goes to its topic's
 * dead-letter twin, and {@code NotificationFailed} to the case's timeline.
 */
@Singleton
final class Outcomes {

  private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);

  private final Deliveries deliveries;
  private final Outbox outbox;
  private final TransactionOperations<Connection> transactions;
  private final DeadLetters deadLetters;
  private final Backoff backoff;
  private final int maxAttempts;

  Outcomes(Deliveries deliveries, Outbox outbox, TransactionOperations<Connection> transactions,
      DeadLetters deadLetters, @Value("${komar.notification.max-attempts:6}") int maxAttempts,
      @Value("${komar.notification.backoff-base:2s}") Duration backoffBase,
      @Value("${komar.notification.backoff-cap:10m}") Duration backoffCap) {
    this.deliveries = deliveries;
    this.outbox = outbox;
    this.transactions = transactions;
    this.deadLetters = deadLetters;
    this.maxAttempts = maxAttempts;
    this.backoff = new Backoff(backoffBase, backoffCap);
  }

  void delivered(Delivery delivery) {
    transactions.executeWrite(status -> {
      deliveries.delivered(delivery.id());
      String eventId = eventId(delivery, "delivered");
      outbox.append(Topics.NOTIFICATION_RECEIPTS, delivery.caseId(), eventId, NotificationReceipt.newBuilder()
          .setReceipt(NotificationDelivered.newBuilder().setEventId(eventId).setCaseId(delivery.caseId())
              .setOccurredAt(Instant.now()).setNotificationId(delivery.id().toString())
              .setChannel(delivery.channel()).setRecipient(delivery.recipient()).setUnitId(delivery.unitId())
              .setAttempts(delivery.attempts() + 1).build()).build());
      return null;
    });
  }

  void failedAttempt(Delivery delivery, Channel.Result.Failed failed) {
    int attempts = delivery.attempts() + 1;
    if (failed.retryable() && attempts < maxAttempts) {
      deliveries.retryAt(delivery.id(), Instant.now().plus(backoff.after(attempts)), failed.reason());
      return;
    }
    LOG.warn("Notification {} to {} ({}) failed for good after {} attempts: {}", delivery.id(),
        delivery.unitId() == null ? delivery.recipient() : delivery.unitId(), delivery.channel(), attempts,
        failed.reason());
    deadLetters.park(delivery.sourceTopic(), delivery.caseId().getBytes(StandardCharsets.UTF_8),
        delivery.sourceValue(), "NotificationFailed", "Notification " + delivery.id() + " over "
            + delivery.channel() + " failed after " + attempts + " attempts: " + failed.reason());
    transactions.executeWrite(status -> {
      deliveries.failed(delivery.id(), failed.reason());
      String eventId = eventId(delivery, "failed");
      outbox.append(Topics.NOTIFICATION_RECEIPTS, delivery.caseId(), eventId, NotificationReceipt.newBuilder()
          .setReceipt(NotificationFailed.newBuilder().setEventId(eventId).setCaseId(delivery.caseId())
              .setOccurredAt(Instant.now()).setNotificationId(delivery.id().toString())
              .setChannel(delivery.channel()).setRecipient(delivery.recipient()).setUnitId(delivery.unitId())
              .setAttempts(attempts).setError(failed.reason()).build()).build());
      return null;
    });
  }

  private static String eventId(Delivery delivery, String outcome) {
    return UUID.nameUUIDFromBytes((delivery.id() + "/" + outcome).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
