package org.komar.benchmarks.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Intakes through {@code POST /api/v1/intakes} at a constant arrival rate (open loop): the i-th intake is due
 * at {@code start + i / rate} whatever happened to the ones before, and every latency is counted from that due
 * time, so a stall shows as the latency of every intake it delayed (no coordinated omission). Each step ends
 * when every created case's police referral and webhook have arrived, or a grace period has passed.
 */
final class ConstantRateIntakes {

  /** Intakes waiting for an answer beyond this mean the platform has fallen behind; the rest are not sent. */
  private static final int MAX_IN_FLIGHT = 2_000;
  private static final Duration GRACE = Duration.ofSeconds(60);
  private static final Pattern CASE_ID = Pattern.compile("\"caseId\":\"([^\"]+)\"");
  private static final Pattern CASE_REFERENCE = Pattern.compile("\"caseReference\":\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
  private final URI intakes;
  private final Supplier<String> token;
  private final String intake;
  private final Arrivals arrivals;

  record Created(String caseId, String caseReference, long due, long answered) {
  }

  /** One step's figures; latencies in microseconds; failures counted by HTTP status or exception. */
  record Step(int offeredRate, int seconds, long created, long failed, long notSent, double achievedRate,
      Histogram http, Histogram referral, Histogram webhook, long referralsMissing, long webhooksMissing,
      Map<String, Long> failures, Stages stages) {

    /**
     * The platform kept up: nothing failed or went missing, the rate was met, answers came within a second and
     * referrals within two (a stall of tens of seconds, such as a stream thread replaced, is not keeping up).
     */
    boolean sustained() {
      return failed == 0 && notSent == 0 && referralsMissing == 0 && webhooksMissing == 0
          && achievedRate >= 0.95 * offeredRate && http.getValueAtPercentile(99) < 1_000_000
          && referral.getValueAtPercentile(99) < 2_000_000;
    }
  }

  /**
   * Where an intake's time goes, in microseconds: from its due time until routing decided its referral (the HTTP
   * request, the vault's seal, the database transaction, the outbox relay, Kafka and routing's read), from there
   * until the referral is visible (routing's transaction commits), and from there until the webhook arrives
   * (notification). Record timestamps have millisecond resolution.
   */
  record Stages(Histogram toRouting, Histogram commit, Histogram notification) {
  }

  ConstantRateIntakes(String intakeUrl, Supplier<String> token, String intake, Arrivals arrivals) {
    this.intakes = URI.create(intakeUrl + "/api/v1/intakes");
    this.token = token;
    this.intake = intake;
    this.arrivals = arrivals;
  }

  Step run(int rate, int seconds) throws InterruptedException {
    Queue<Created> created = new ConcurrentLinkedQueue<>();
    Histogram httpLatency = new Histogram(3_600_000_000L, 3);
    AtomicLong failed = new AtomicLong();
    Map<String, Long> failures = new ConcurrentHashMap<>();
    long notSent = 0;
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    long interval = 1_000_000_000L / rate;
    int total = rate * seconds;
    long start = System.nanoTime() + 20_000_000L;
    try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < total; i++) {
        long due = start + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        if (!inFlight.tryAcquire()) {
          notSent++;
          continue;
        }
        callers.submit(() -> {
          try {
            HttpResponse<String> response = http.send(request(), HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            synchronized (httpLatency) {
              httpLatency.recordValue(Math.max(1, (answered - due) / 1_000));
            }
            Matcher caseId = CASE_ID.matcher(response.body());
            Matcher reference = CASE_REFERENCE.matcher(response.body());
            if (response.statusCode() == 201 && caseId.find() && reference.find()) {
              created.add(new Created(caseId.group(1), reference.group(1), due, answered));
            } else {
              failed.incrementAndGet();
              failures.merge("HTTP " + response.statusCode(), 1L, Long::sum);
            }
          } catch (IOException e) {
            failed.incrementAndGet();
            failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            inFlight.release();
          }
        });
      }
    }
    long lastAnswer = created.stream().mapToLong(Created::answered).max().orElse(System.nanoTime());
    double achieved = created.size() / ((lastAnswer - start) / 1e9);

    List<Created> cases = List.copyOf(created);
    long graceEnd = System.nanoTime() + GRACE.toNanos();
    while (System.nanoTime() < graceEnd && !cases.stream().allMatch(c -> arrivals.referrals.containsKey(c.caseId())
        && arrivals.webhooks.containsKey(c.caseReference()))) {
      Thread.sleep(50);
    }
    Histogram referral = new Histogram(3_600_000_000L, 3);
    Histogram webhook = new Histogram(3_600_000_000L, 3);
    Stages stages = new Stages(new Histogram(3_600_000_000L, 3), new Histogram(3_600_000_000L, 3),
        new Histogram(3_600_000_000L, 3));
    long referralsMissing = 0;
    long webhooksMissing = 0;
    for (Created c : cases) {
      Long referredAt = arrivals.referrals.get(c.caseId());
      Long notifiedAt = arrivals.webhooks.get(c.caseReference());
      if (referredAt == null) {
        referralsMissing++;
      } else {
        referral.recordValue(Math.max(1, (referredAt - c.due()) / 1_000));
        Long routedAt = arrivals.routed.get(c.caseId());
        if (routedAt != null) {
          stages.toRouting().recordValue(Math.max(1, (routedAt - c.due()) / 1_000));
          stages.commit().recordValue(Math.max(1, (referredAt - routedAt) / 1_000));
        }
        if (notifiedAt != null) {
          stages.notification().recordValue(Math.max(1, (notifiedAt - referredAt) / 1_000));
        }
      }
      if (notifiedAt == null) {
        webhooksMissing++;
      } else {
        webhook.recordValue(Math.max(1, (notifiedAt - c.due()) / 1_000));
      }
    }
    return new Step(rate, seconds, cases.size(), failed.get(), notSent, achieved, httpLatency, referral, webhook,
        referralsMissing, webhooksMissing, Map.copyOf(failures), stages);
  }

  private HttpRequest request() {
    return HttpRequest.newBuilder(intakes).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token.get())
        .POST(HttpRequest.BodyPublishers.ofString(intake)).build();
  }
}
