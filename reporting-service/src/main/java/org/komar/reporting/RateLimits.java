package org.komar.reporting;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How often the page takes a report or a status check: per sender and from everyone together, so that a flood from
 * many addresses cannot bury the hotline either. A sender is the address a request came from (see {@link Senders}),
 * an IPv6 address counted by its /64 (one subscriber's whole block); it is never kept as it is: only an HMAC of it
 * under a key made at start, and only while its window lasts. Only what passed the form's own checks is counted, so
 * junk cannot spend a child's turn. intake-service's lockout of a reference after wrong PINs comes on top.
 */
@Singleton
public final class RateLimits {

  /** What is limited. */
  public enum Kind { REPORT, STATUS_CHECK }

  private record Limit(int count, Duration window) {
  }

  private static final int MOST_SENDERS_KEPT = 10_000;

  private final Clock clock;
  private final Map<Kind, Limit> perSender;
  private final Map<Kind, Limit> everyone;
  private final Map<String, Deque<Instant>> sent = new ConcurrentHashMap<>();
  private final Map<Kind, Deque<Instant>> all = new EnumMap<>(Kind.class);
  private final SecretKeySpec key;

  @Inject
  RateLimits(@Value("${komar.reporting.limits.reports-per-sender:10}") int reportsPerSender,
      @Value("${komar.reporting.limits.report-window:1h}") Duration reportWindow,
      @Value("${komar.reporting.limits.status-checks-per-sender:10}") int checksPerSender,
      @Value("${komar.reporting.limits.status-check-window:15m}") Duration checkWindow,
      @Value("${komar.reporting.limits.reports-per-minute:60}") int reportsPerMinute,
      @Value("${komar.reporting.limits.status-checks-per-minute:300}") int checksPerMinute) {
    this(Clock.systemUTC(), reportsPerSender, reportWindow, checksPerSender, checkWindow, reportsPerMinute,
        checksPerMinute);
  }

  RateLimits(Clock clock, int reportsPerSender, Duration reportWindow, int checksPerSender, Duration checkWindow,
      int reportsPerMinute, int checksPerMinute) {
    this.clock = clock;
    this.perSender = Map.of(Kind.REPORT, new Limit(reportsPerSender, reportWindow),
        Kind.STATUS_CHECK, new Limit(checksPerSender, checkWindow));
    this.everyone = Map.of(Kind.REPORT, new Limit(reportsPerMinute, Duration.ofMinutes(1)),
        Kind.STATUS_CHECK, new Limit(checksPerMinute, Duration.ofMinutes(1)));
    for (Kind kind : Kind.values()) {
      all.put(kind, new ArrayDeque<>());
    }
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** Counts one {@code kind} from {@code sender}, if it is still allowed; false (and not counted) if not. */
  public boolean allow(Kind kind, InetAddress sender) {
    Instant now = clock.instant();
    Deque<Instant> everyones = all.get(kind);
    synchronized (everyones) {
      Limit limit = everyone.get(kind);
      drop(everyones, now.minus(limit.window()));
      if (everyones.size() >= limit.count() || !count(kind + "/" + pseudonym(sender), perSender.get(kind), now)) {
        return false;
      }
      everyones.addLast(now);
      return true;
    }
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
    if (sent.size() > MOST_SENDERS_KEPT) {
      forgetQuiet(now);
    }
    return allowed[0];
  }

  /** Drops every sender whose window has passed, each under the map's own lock for its key. */
  private void forgetQuiet(Instant now) {
    Duration longest = perSender.values().stream().map(Limit::window).max(Duration::compareTo).orElseThrow();
    for (String id : sent.keySet()) {
      sent.computeIfPresent(id, (ignored, times) -> {
        drop(times, now.minus(longest));
        return times.isEmpty() ? null : times;
      });
    }
  }

  private static void drop(Deque<Instant> times, Instant before) {
    while (!times.isEmpty() && times.peekFirst().isBefore(before)) {
      times.removeFirst();
    }
  }

  private String pseudonym(InetAddress sender) {
    byte[] address = sender.getAddress();
    if (sender instanceof Inet6Address) {
      // One subscriber gets a whole /64: counted as one sender, not as 2^64.
      address = Arrays.copyOf(address, 8);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getEncoder().encodeToString(mac.doFinal(address));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No HMAC-SHA256 in this JVM", e);
    }
  }
}
