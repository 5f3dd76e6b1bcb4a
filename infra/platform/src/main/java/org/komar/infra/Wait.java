package org.komar.infra;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a readiness check until it passes, and fails with a message that says what was awaited. */
public final class Wait {

  private static final Duration POLL = Duration.ofMillis(100);

  /** A readiness check; an exception counts as "not yet" and its message is kept for the error. */
  @FunctionalInterface
  public interface Check {
    boolean ready() throws Exception;
  }

  private Wait() {
  }

  /**
   * Waits until {@code check} passes.
   *
   * @param what what is being awaited, for the error message
   * @param alive false as soon as waiting is pointless (the process died); checked before each poll
   * @param diagnostics extra words for the error (a log tail), computed only on failure
   */
  public static void until(String what, Duration timeout, Check check, Supplier<Boolean> alive,
      Supplier<String> diagnostics) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastProblem = "";
    while (true) {
      if (!alive.get()) {
        throw new InfraException(what + ": the process exited before it was ready." + diagnostics.get());
      }
      try {
        if (check.ready()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InfraException(what + ": interrupted while waiting", e);
      } catch (Exception e) {
        lastProblem = " Last check said: " + e;
      }
      if (System.nanoTime() > deadline) {
        throw new InfraException(what + ": not ready within " + timeout.toSeconds() + " s." + lastProblem
            + diagnostics.get());
      }
      sleep(POLL);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfraException("Interrupted", e);
    }
  }
}
