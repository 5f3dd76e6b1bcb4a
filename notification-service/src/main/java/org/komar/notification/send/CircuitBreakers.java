package org.komar.notification.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per lane (a webhook URL, the SMS gateway, the SMTP server): after {@code failures}
 * failed attempts in a row the lane is open, and its messages wait, for {@code openFor}; then one message tries
 * (half open): delivered closes the lane, failed opens it again. A dead destination costs one timeout per
 * {@code openFor}, not one per message, and never holds up another lane.
 */
final class CircuitBreakers {

  private record State(int failures, Instant openUntil, boolean trialRunning) {
  }

  private final int failures;
  private final Duration openFor;
  private final Clock clock;
  private final Map<String, State> lanes = new ConcurrentHashMap<>();

  CircuitBreakers(int failures, Duration openFor, Clock clock) {
    this.failures = failures;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** When the lane's messages may be tried again, if it is open now. */
  synchronized Optional<Instant> openUntil(String lane) {
    State state = lanes.get(lane);
    if (state == null || state.openUntil() == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (now.isBefore(state.openUntil())) {
      return Optional.of(state.openUntil());
    }
    return state.trialRunning() ? Optional.of(now.plus(Duration.ofSeconds(1))) : Optional.empty();
  }

  /** How many messages of the lane may go now: all of {@code wanted} when closed, one trial when half open. */
  synchronized int admit(String lane, int wanted) {
    State state = lanes.get(lane);
    if (state == null || state.openUntil() == null) {
      return wanted;
    }
    if (state.trialRunning() || clock.instant().isBefore(state.openUntil())) {
      return 0;
    }
    lanes.put(lane, new State(state.failures(), state.openUntil(), true));
    return Math.min(1, wanted);
  }

  synchronized void succeeded(String lane) {
    lanes.remove(lane);
  }

  synchronized void failed(String lane) {
    State state = lanes.getOrDefault(lane, new State(0, null, false));
    int inARow = state.failures() + 1;
    boolean open = inARow >= failures || state.openUntil() != null;
    lanes.put(lane, new State(inARow, open ? clock.instant().plus(openFor) : null, false));
  }
}
