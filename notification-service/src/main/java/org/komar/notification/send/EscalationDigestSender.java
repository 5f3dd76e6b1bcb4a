package org.komar.notification.send;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.komar.notification.events.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the supervisors' escalation digests that are due (every {@code NOTIFY_DIGEST_CHECK}) and wakes the sender.
 * Each instance may run it: a supervisor another instance is digesting is skipped.
 */
@Singleton
final class EscalationDigestSender {

  private static final Logger LOG = LoggerFactory.getLogger(EscalationDigestSender.class);

  private final EventHandler handler;
  private final DueSignal signal;

  EscalationDigestSender(EventHandler handler, DueSignal signal) {
    this.handler = handler;
    this.signal = signal;
  }

  @Scheduled(fixedDelay = "${komar.notification.digest-check:10s}",
      initialDelay = "${komar.notification.digest-check:10s}")
  void sendDue() {
    try {
      if (handler.sendDigests() > 0) {
        signal.raise();
      }
    } catch (RuntimeException e) {
      // The next check tries again: whatever waits stays waiting until a digest is made in one transaction.
      LOG.warn("Could not make the escalation digests ({}); trying again", e.getClass().getSimpleName());
    }
  }
}
