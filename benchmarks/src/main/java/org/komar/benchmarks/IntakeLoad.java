package org.komar.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives {@code POST /api/v1/intakes} of a running platform ({@code ./komar run}) at full speed from a number of
 * concurrent callers for a while, and prints throughput, latency percentiles and the outbox lag (events
 * committed but not yet acknowledged by Kafka), then how long the lag took to drain. Closed loop: each caller
 * sends its next intake when the last one was answered, so this measures capacity, not latency under a
 * constant offered load (that is the platform benchmark's job).
 *
 * <p>Arguments: {@code [seconds=60] [callers=16] [intake-url=http://127.0.0.1:8081]}.
 */
public final class IntakeLoad {

  private static final Pattern LAG = Pattern.compile("(?m)^komar_outbox_lag (\\S+)$");

  private IntakeLoad() {
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int callers = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    String base = args.length > 2 ? args[2] : "http://127.0.0.1:8081";
    String intake = Files.readString(Path.of("infra/platform/src/main/resources/org/komar/infra/sample/intake.json"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    PlatformTokens tokens = PlatformTokens.ofLocalPlatform();
    Supplier<String> operator = tokens.of("operator");
    Supplier<String> auditor = tokens.of("auditor");

    Recorder latencies = new Recorder(3);
    AtomicLong created = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Double> lags = new ArrayList<>();
    long started = System.nanoTime();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < callers; i++) {
        pool.submit(() -> {
          while (System.nanoTime() < deadline) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/intakes"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + operator.get())
                .POST(HttpRequest.BodyPublishers.ofString(intake)).build();
            long sent = System.nanoTime();
            try {
              int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
              latencies.recordValue((System.nanoTime() - sent) / 1_000);
              (status == 201 ? created : failed).incrementAndGet();
            } catch (IOException e) {
              failed.incrementAndGet();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return null;
            }
          }
          return null;
        });
      }
      while (System.nanoTime() < deadline) {
        Thread.sleep(1_000);
        lags.add(lag(http, base, auditor.get()));
      }
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    long drainStarted = System.nanoTime();
    double lag = lag(http, base, auditor.get());
    while (lag > 0 && System.nanoTime() - drainStarted < Duration.ofMinutes(2).toNanos()) {
      Thread.sleep(100);
      lag = lag(http, base, auditor.get());
    }
    double drained = (System.nanoTime() - drainStarted) / 1e9;
    Histogram histogram = latencies.getIntervalHistogram();

    System.out.printf(Locale.ROOT, "%nKomar intake load: %d callers for %.0f s against %s%n", callers, elapsed, base);
    System.out.printf(Locale.ROOT, "  intakes recorded     %,d (%,.0f per second), failed %,d%n", created.get(),
        created.get() / elapsed, failed.get());
    System.out.printf(Locale.ROOT, "  latency (ms)         p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
        histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
        histogram.getValueAtPercentile(99.9) / 1e3, histogram.getMaxValue() / 1e3);
    System.out.printf(Locale.ROOT, "  outbox lag (events)  max %.0f during the run, %.0f at its end; drained in %.1f s%n",
        lags.stream().mapToDouble(Double::doubleValue).max().orElse(0), lags.isEmpty() ? 0 : lags.getLast(),
        drained);
  }

  private static double lag(HttpClient http, String base, String token) throws Exception {
    String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/prometheus"))
            .header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher lag = LAG.matcher(metrics);
    return lag.find() ? Double.parseDouble(lag.group(1)) : Double.NaN;
  }
}
