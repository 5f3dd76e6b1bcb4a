package org.komar.notification.send;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the delivery worker as soon as this instance commits new deliveries, instead of at its next poll; the
 * poll stays for work that other instances, retries and leases make due.
 */
@Singleton
public final class DueSignal {

  private final Semaphore due = new Semaphore(0);

  /** New deliveries were committed. */
  public void raise() {
    if (due.availablePermits() == 0) {
      due.release();
    }
  }

  /** Waits at most {@code timeout} for a signal; true if one came. */
  boolean await(Duration timeout) throws InterruptedException {
    boolean raised = due.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    due.drainPermits();
    return raised;
  }
}
