package org.komar.benchmarks.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.komar.benchmarks.platform.ConstantRateIntakes.Step;

/**
 * A long run at one constant rate, watched a minute at a time: the platform's memory, its consumers' lag and its
 * latency must not grow. Each minute is one open-loop step of {@link ConstantRateIntakes}, back to back (a step
 * waits for its own last referrals and webhooks, a fraction of a second when the platform keeps up).
 *
 * <p>"No growth" compares the last third of the minutes with the middle third; the first third is the heaps and
 * caches filling up to their working size.
 */
final class Soak {

  /** The memory of the last third within this much of the middle third's. */
  static final double MEMORY_GROWTH = 0.05;
  /** Latency p99 of the last third within this much of the middle third's (minute-to-minute noise is larger). */
  static final double LATENCY_GROWTH = 0.25;
  /** Lag below this many records is the records in flight, not a backlog. */
  static final long LAG_NOISE = 100;

  /** One minute of the soak; latencies in ms, memory in MB (all processes, now), lag in records (all groups). */
  record Minute(int minute, double achieved, long failed, long missing, double referralP99, double webhookP99,
      double memoryMb, long lag) {
  }

  private Soak() {
  }

  static List<Minute> run(ConstantRateIntakes load, int rate, int minutes, PeakMemory memory,
      Map<String, Object> kafkaSettings) throws InterruptedException {
    List<Minute> watched = new ArrayList<>();
    try (Admin admin = Admin.create(kafkaSettings)) {
      for (int minute = 1; minute <= minutes; minute++) {
        Step step = load.run(rate, 60);
        Minute seen = new Minute(minute, step.achievedRate(), step.failed(),
            step.referralsMissing() + step.webhooksMissing(), Report.ms(step.referral(), 99),
            Report.ms(step.webhook(), 99), memory.nowMb(), lag(admin));
        watched.add(seen);
        System.out.printf(Locale.ROOT, "  soak minute %2d: %.0f/s, %d failed, %d missing, referral p99 %.1f ms, "
                + "webhook p99 %.1f ms, memory %,.0f MB, consumer lag %,d%n", minute, seen.achieved(), seen.failed(),
            seen.missing(), seen.referralP99(), seen.webhookP99(), seen.memoryMb(), seen.lag());
      }
    }
    return watched;
  }

  /** The soak's own targets: nothing lost, and no growth in memory, lag or latency. */
  static List<Report.Verdict> verdicts(List<Minute> minutes) {
    List<Report.Verdict> verdicts = new ArrayList<>();
    if (minutes.size() < 3) {
      return verdicts;
    }
    int third = minutes.size() / 3;
    List<Minute> middle = minutes.subList(third, 2 * third);
    List<Minute> last = minutes.subList(minutes.size() - third, minutes.size());
    long lost = minutes.stream().mapToLong(minute -> minute.failed() + minute.missing()).sum();
    verdicts.add(new Report.Verdict("soak: every intake created, referred and notified", lost + " failed or missing",
        lost == 0));
    verdicts.add(growth("soak: no growth in memory", middle, last, Minute::memoryMb, MEMORY_GROWTH, "MB"));
    verdicts.add(growth("soak: no growth in intake→referral p99", middle, last, Minute::referralP99, LATENCY_GROWTH,
        "ms"));
    verdicts.add(growth("soak: no growth in intake→webhook p99", middle, last, Minute::webhookP99, LATENCY_GROWTH,
        "ms"));
    double middleLag = mean(middle, Minute::lag);
    double lastLag = mean(last, Minute::lag);
    verdicts.add(new Report.Verdict("soak: no growth in consumer lag",
        String.format(Locale.ROOT, "mean %,.0f records in the middle third, %,.0f in the last", middleLag, lastLag),
        lastLag <= Math.max(LAG_NOISE, middleLag * (1 + LATENCY_GROWTH))));
    return verdicts;
  }

  private static Report.Verdict growth(String target, List<Minute> middle, List<Minute> last,
      ToDoubleFunction<Minute> value, double allowed, String unit) {
    double before = mean(middle, value);
    double after = mean(last, value);
    return new Report.Verdict(String.format(Locale.ROOT, "%s (last third within +%.0f %% of the middle third)", target,
        allowed * 100), String.format(Locale.ROOT, "%,.1f → %,.1f %s (%+.1f %%)", before, after, unit,
        (after / before - 1) * 100), after <= before * (1 + allowed));
  }

  private static double mean(List<Minute> minutes, ToDoubleFunction<Minute> value) {
    return minutes.stream().mapToDouble(value).average().orElse(Double.NaN);
  }

  /**
   * Records not yet consumed, summed over every consumer group's committed offsets. A consumer that commits every
   * few seconds (the services' listeners) shows the records since its last commit: a level, not a backlog.
   */
  private static long lag(Admin admin) throws InterruptedException {
    try {
      long lag = 0;
      for (GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get()) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
            .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        for (var entry : committed.entrySet()) {
          if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
            lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
          }
        }
      }
      return lag;
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not read the consumer groups' lag: " + e.getCause().getMessage(),
          e.getCause());
    }
  }
}
