package org.komar.notification.send;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of min(cap, base × 2^(n-1)), at random,
 * so that messages that failed together do not all come back at once.
 */
record Backoff(Duration base, Duration cap) {

  Duration after(int attempt) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, Math.max(0, attempt - 1)));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }
}
