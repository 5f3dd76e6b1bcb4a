package org.komar.schemas.serde;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry could not be reached (refused, reset, timed out) while a record was read or written: a
 * passing fault, unlike a record that cannot be read. A serde of {@link KomarSerdes} waits for the registry for
 * up to {@link #PATIENCE} before it gives up; a reader that still gets such a failure must try the record again
 * later, never park it as unreadable (it is not).
 */
public final class RegistryUnreachable {

  /** How long a serde waits for the registry before it fails: well within a consumer's poll interval. */
  public static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration FIRST_WAIT = Duration.ofMillis(200);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(RegistryUnreachable.class);

  private RegistryUnreachable() {
  }

  /**
   * Whether {@code failure} comes from not reaching the registry (a refused, reset or closed connection, an
   * unknown host, a timeout) rather than from the record or its schema. Only network failures count: Avro reports
   * truncated bytes with an {@link java.io.EOFException}, which is the record's fault and must be parked.
   */
  public static boolean causedBy(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SocketException || cause instanceof SocketTimeoutException
          || cause instanceof UnknownHostException || cause instanceof HttpTimeoutException
          || cause instanceof ClosedChannelException || cause instanceof TimeoutException
          || cause.getClass().getName().equals("io.vertx.core.http.HttpClosedException")) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code call}, tried again while the registry cannot be reached, for up to {@code patience}; any other
   * failure, or the last one, is thrown. Logs the wait once, with the topic only.
   */
  static <T> T patiently(String topic, Duration patience, Supplier<T> call) {
    long deadline = System.nanoTime() + patience.toNanos();
    Duration wait = FIRST_WAIT;
    boolean logged = false;
    while (true) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (!causedBy(e) || System.nanoTime() + wait.toNanos() > deadline) {
          throw e;
        }
        if (!logged) {
          LOG.warn("The schema registry cannot be reached ({}); waiting for it, up to {} s, with a record of {}",
              e.getClass().getSimpleName(), patience.toSeconds(), topic);
          logged = true;
        }
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
      }
    }
  }
}
