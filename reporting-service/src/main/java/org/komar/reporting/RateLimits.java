package org.komar.reporting;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How often the page takes a report or a status check: per sender (the address the connection came from) and, for
 * reports, from everyone together, so that a flood from many addresses cannot bury the hotline either. A sender's
 * address is never kept as it is: only an HMAC of it under a key made at start, and only while its window lasts.
 * Status checks have their own limit here; intake-service's lockout of a reference after wrong PINs comes on top.
 */
@Singleton
public final class RateLimits {

  /** What is limited. */
  public enum Kind { REPORT, STATUS_CHECK }

  private record Limit(int count, Duration window) {
  }

  private final Clock clock;
  private final Map<Kind, Limit> perSender;
  private final Limit everyone;
  private final Map<String, Deque<Instant>> sent = new ConcurrentHashMap<>();
  private final Deque<Instant> allReports = new ArrayDeque<>();
  private final SecretKeySpec key;

  @Inject
  RateLimits(@Value("${komar.reporting.limits.reports-per-sender:10}") int reportsPerSender,
      @Value("${komar.reporting.limits.report-window:1h}") Duration reportWindow,
      @Value("${komar.reporting.limits.status-checks-per-sender:10}") int checksPerSender,
      @Value("${komar.reporting.limits.status-check-window:15m}") Duration checkWindow,
      @Value("${komar.reporting.limits.reports-per-minute:60}") int reportsPerMinute) {
    this(Clock.systemUTC(), reportsPerSender, reportWindow, checksPerSender, checkWindow, reportsPerMinute);
  }

  RateLimits(Clock clock, int reportsPerSender, Duration reportWindow, int checksPerSender, Duration checkWindow,
      int reportsPerMinute) {
    this.clock = clock;
    this.perSender = Map.of(Kind.REPORT, new Limit(reportsPerSender, reportWindow),
        Kind.STATUS_CHECK, new Limit(checksPerSender, checkWindow));
    this.everyone = new Limit(reportsPerMinute, Duration.ofMinutes(1));
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** Counts one {@code kind} from {@code sender}, if it is still allowed; false (and not counted) if not. */
  public boolean allow(Kind kind, String sender) {
    Instant now = clock.instant();
    Limit limit = perSender.get(kind);
    String id = kind + "/" + pseudonym(sender);
    if (kind == Kind.REPORT) {
      synchronized (allReports) {
        drop(allReports, now.minus(everyone.window()));
        if (allReports.size() >= everyone.count()) {
          return false;
        }
        if (!count(id, limit, now)) {
          return false;
        }
        allReports.addLast(now);
        return true;
      }
    }
    return count(id, limit, now);
  }

  private boolean count(String id, Limit limit, Instant now) {
    boolean[] allowed = new boolean[1];
    sent.compute(id, (ignored, times) -> {
      Deque<Instant> kept = times == null ? new ArrayDeque<>() : times;
      drop(kept, now.minus(limit.window()));
      allowed[0] = kept.size() < limit.count();
      if (allowed[0]) {
        kept.addLast(now);
      }
      return kept.isEmpty() ? null : kept;
    });
    if (sent.size() > 10_000) {
      forgetQuiet(now);
    }
    return allowed[0];
  }

  private void forgetQuiet(Instant now) {
    Duration longest = perSender.values().stream().map(Limit::window).max(Duration::compareTo).orElseThrow();
    sent.values().removeIf(times -> {
      synchronized (times) {
        return times.isEmpty() || times.peekLast().isBefore(now.minus(longest));
      }
    });
  }

  private static void drop(Deque<Instant> times, Instant before) {
    while (!times.isEmpty() && times.peekFirst().isBefore(before)) {
      times.removeFirst();
    }
  }

  private String pseudonym(String sender) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getEncoder().encodeToString(mac.doFinal(sender.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No HMAC-SHA256 in this JVM", e);
    }
  }
}
