package org.komar.schemas.serde;

import com.microsoft.kiota.ApiException;
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
 * The schema registry could not answer (refused, reset or timed out, or answered with a server error, as a
 * registry does while its database is away) while a record was read or written: a passing fault, unlike a record
 * that cannot be read. A serde of {@link KomarSerdes} waits for the registry as long as that lasts, logging each
 * minute: a record written or read later is lost by nobody, while one parked as unreadable, or a Streams thread
 * failed over it (a global one cannot be replaced), is. Only a thread interrupted meanwhile gets the failure, and
 * a reader must then try the record again later, never park it.
 */
public final class RegistryUnreachable {

  private static final Duration FIRST_WAIT = Duration.ofMillis(200);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);
  private static final Duration LOG_EVERY = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(RegistryUnreachable.class);

  private RegistryUnreachable() {
  }

  /**
   * Whether {@code failure} comes from a registry that could not answer (a refused, reset or closed connection,
   * an unknown host, a timeout, a server error or too many requests) rather than from the record or its schema.
   * Avro reports truncated bytes with an {@link java.io.EOFException}, and the registry a schema it does not hold
   * with a 404: both are the record's fault, and it must be parked.
   */
  public static boolean causedBy(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof ApiException answer
          && (answer.getResponseStatusCode() >= 500 || answer.getResponseStatusCode() == 429)) {
        return true;
      }
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
   * {@code call}, tried again for as long as the registry cannot answer; any other failure is thrown, and so is
   * the last one if the thread is interrupted (it is being stopped). Logs the wait with the topic only, once a
   * minute.
   */
  static <T> T patiently(String topic, Supplier<T> call) {
    long started = System.nanoTime();
    long nextLog = started;
    Duration wait = FIRST_WAIT;
    while (true) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (!causedBy(e)) {
          throw e;
        }
        if (System.nanoTime() - nextLog >= 0) {
          LOG.warn("The schema registry cannot answer ({}); waiting for it, {} s so far, with a record of {}",
              e.getClass().getSimpleName(), Duration.ofNanos(System.nanoTime() - started).toSeconds(), topic);
          nextLog = System.nanoTime() + LOG_EVERY.toNanos();
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
