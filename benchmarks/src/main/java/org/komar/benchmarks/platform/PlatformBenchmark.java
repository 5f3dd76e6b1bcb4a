package org.komar.benchmarks.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.komar.benchmarks.LocalKafka;
import org.komar.benchmarks.PlatformTokens;
import org.komar.benchmarks.platform.ConstantRateIntakes.Step;
import org.komar.events.AgencyUnit;
import org.komar.infra.ClientSettings;
import org.komar.infra.platform.SampleData;
import org.komar.schemas.Topics;

/**
 * The whole platform against what this machine can do, in one run: starts a fresh local platform of its own,
 * measures the ceilings (a raw Kafka producer, the intake's database transaction alone), then drives intakes
 * through the HTTP API at rising constant rates until the platform no longer keeps up, and once more at half
 * the peak. Writes {@code benchmarks/target/platform-benchmark/report.md} and {@code latency.png}, and prints
 * the ratios. Run by {@code ./komar bench}; never part of the tests.
 *
 * <p>Arguments: {@code [seconds per step=20] [rates=25,50,100,150,200,300,400,600,800] [soak minutes=0]}: with
 * soak minutes, the run ends with a soak of that long at half the peak ({@link Soak}).
 */
public final class PlatformBenchmark {

  private static final int DB_POOL_CONNECTIONS = 10;
  private static final int KAFKA_RECORDS = 200_000;
  private static final int WARM_UP_RATE = 40;
  private static final int WARM_UP_SECONDS = 90;
  /** Before each measurement: the platform's backlog and the disk's write-back settle. */
  private static final Duration QUIET = Duration.ofSeconds(10);
  /** How long the platform is watched at rest, for the CPU it spends with no load. */
  private static final Duration IDLE = Duration.ofSeconds(20);
  /** Notification's claim is timed with this many pending rows in a lane that cannot deliver. */
  private static final int[] CLAIM_BACKLOGS = {100, 100_000};

  private PlatformBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    List<Integer> rates = Arrays.stream((args.length > 1 ? args[1] : "25,50,100,150,200,300,400,600,800")
        .split(",")).map(String::trim).map(Integer::valueOf).toList();
    int soakMinutes = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    Path project = Path.of("").toAbsolutePath();
    Path work = project.resolve("benchmarks/target/platform-benchmark");
    long started = System.nanoTime();

    say("Starting a platform of its own under %s ...", work);
    try (BenchPlatform platform = BenchPlatform.start(project, work);
        Arrivals arrivals = new Arrivals(platform.kafkaSettings());
        PeakMemory memory = new PeakMemory(platform.processes())) {
      ProcessCpu cpu = new ProcessCpu(platform.processes(), platform.intakeJdbcUrl(), "komar", platform.dbPassword());
      Map<String, Map<String, Double>> cpuPerIntake = new LinkedHashMap<>();
      say("Platform up in %.1f s (%s). Pointing every unit's webhook at this benchmark.",
          platform.coldStart().toMillis() / 1000.0, platform.processes().keySet());
      pointWebhooksAt(arrivals.webhookBase(), platform);
      String intake = Files.readString(project.resolve("infra/platform/src/main/resources/org/komar/infra/sample/intake.json"));
      ConstantRateIntakes load = new ConstantRateIntakes(platform.intakeUrl(), platform.tokens().of("operator"), intake,
          arrivals);

      // A fresh JVM spends much of its first minutes compiling (profiling showed C2 as the busiest thread of each
      // service); what is measured is the platform once warm.
      Step warmUp = load.run(WARM_UP_RATE, WARM_UP_SECONDS);
      say("Warm-up: %d intakes created, %d failed %s, %d not sent; %d referrals and %d webhooks missing",
          warmUp.created(), warmUp.failed(), warmUp.failures(), warmUp.notSent(), warmUp.referralsMissing(),
          warmUp.webhooksMissing());
      if (warmUp.created() == 0 || warmUp.referralsMissing() > 0) {
        throw new IllegalStateException("The platform does not route intakes; see " + work.resolve("data/logs"));
      }

      // The database first: the producer's run leaves ~150 MB of dirty pages whose write-back would slow fsync.
      ConsumerRecord<String, byte[]> sample = firstIntakeRecord(platform.kafkaSettings());
      Thread.sleep(QUIET.toMillis());
      say("Ceiling 1: the intake + outbox transaction alone, %d connections ...", DB_POOL_CONNECTIONS);
      Ceilings.DatabaseCeiling database = Ceilings.databaseTransaction(platform.intakeJdbcUrl(), "komar",
          platform.dbPassword(), sample.key(), DB_POOL_CONNECTIONS, Duration.ofSeconds(15));
      say("  %,.0f transactions/s", database.transactionsPerSecond());
      Thread.sleep(QUIET.toMillis());
      say("Ceiling 2: a raw producer, %,d records of %d bytes ...", KAFKA_RECORDS,
          sample.serializedKeySize() + sample.serializedValueSize());
      Ceilings.KafkaCeiling kafka = Ceilings.kafkaProducer(platform.kafkaSettings(), sample, 3, KAFKA_RECORDS);
      say("  %,.0f records/s", kafka.recordsPerSecond());
      Thread.sleep(QUIET.toMillis());
      List<ClaimTimes.ClaimTime> claims = new ArrayList<>();
      for (int backlog : CLAIM_BACKLOGS) {
        claims.add(ClaimTimes.measure(platform.notificationJdbcUrl(), "komar", platform.dbPassword(), backlog));
        say("Notification's claim of due deliveries, %,d pending rows in a lane that cannot deliver: p50 %.3f ms, "
            + "p99 %.3f ms", backlog, Report.ms(claims.getLast().micros(), 50), Report.ms(claims.getLast().micros(), 99));
      }
      Thread.sleep(QUIET.toMillis());

      // The platform at rest: what each process spends with no intake at all (pollers, commits, heartbeats)
      Map<String, Long> restStart = cpu.sample();
      Thread.sleep(IDLE.toMillis());
      Map<String, Double> idle = ProcessCpu.perSecondMs(restStart, cpu.sample(), IDLE.toSeconds());
      say("At rest: %.0f ms of CPU per second, all processes together", idle.values().stream()
          .mapToDouble(d -> d).sum());

      List<Step> ladder = new ArrayList<>();
      for (int rate : rates) {
        Map<String, Long> before = cpu.sample();
        Step step = load.run(rate, seconds);
        cpuPerIntake.put(rate + "/s", ProcessCpu.perIntakeMs(before, cpu.sample(), step.created()));
        ladder.add(step);
        say("%4d/s offered: %,.0f/s achieved, %d failed %s, %d not sent, referral p50 %.1f p99 %.1f ms, webhook "
                + "p99 %.1f ms; p99 to routing %.1f, commit %.1f, notification %.1f ms%s", rate, step.achievedRate(),
            step.failed(), step.failures(), step.notSent(), Report.ms(step.referral(), 50),
            Report.ms(step.referral(), 99), Report.ms(step.webhook(), 99), Report.ms(step.stages().toRouting(), 99),
            Report.ms(step.stages().commit(), 99), Report.ms(step.stages().notification(), 99),
            step.sustained() ? "" : "  (not sustained: stopping here)");
        if (!step.sustained()) {
          break;
        }
        Thread.sleep(QUIET.toMillis());
      }
      Report partial = new Report(kafka, database, ladder, Optional.empty(), Map.of(), Map.of(), Map.of(),
          Report.Extras.none(), Duration.ZERO);
      Optional<Step> half = Optional.empty();
      if (partial.peak().isPresent()) {
        Thread.sleep(QUIET.toMillis());
        int halfRate = Math.max(1, partial.peak().get().offeredRate() / 2);
        Map<String, Long> before = cpu.sample();
        half = Optional.of(load.run(halfRate, seconds));
        cpuPerIntake.put(halfRate + "/s (half)", ProcessCpu.perIntakeMs(before, cpu.sample(), half.get().created()));
        say("%4d/s (half of the peak): referral p50 %.1f p99 %.1f p99.9 %.1f ms", halfRate,
            Report.ms(half.get().referral(), 50), Report.ms(half.get().referral(), 99),
            Report.ms(half.get().referral(), 99.9));
      }
      List<Soak.Minute> soak = List.of();
      int soakRate = half.map(Step::offeredRate).orElse(0);
      if (soakMinutes > 0 && soakRate > 0) {
        Thread.sleep(QUIET.toMillis());
        say("Soak: %d minutes at %d/s ...", soakMinutes, soakRate);
        soak = Soak.run(load, soakRate, soakMinutes, memory, platform.kafkaSettings());
      }
      // After every measured step: the profiler's own CPU and memory must be in none of their figures.
      Map<String, Double> peakMemory = memory.peaksMb();
      double peakTotalPss = memory.peakTotalPssMb();
      memory.freeze();
      Map<String, Path> flameGraphs = new LinkedHashMap<>();
      if (partial.peak().isPresent()) {
        flameGraphs = profiledPeak(platform, load, partial.peak().get().offeredRate(), seconds, cpu,
            work.resolve("flames"));
      }
      Report report = new Report(kafka, database, ladder, half, peakMemory, idle, cpuPerIntake,
          new Report.Extras(platform.coldStart(), peakTotalPss, claims, flameGraphs, soak),
          Duration.ofNanos(System.nanoTime() - started));
      Files.writeString(work.resolve("report.md"), report.markdown(machine()));
      report.writeChart(work.resolve("latency.png"));
      report.writeCpuChart(work.resolve("cpu.png"));
      if (!soak.isEmpty()) {
        report.writeSoakChart(work.resolve("soak.png"));
      }
      say("%nAgainst the targets:");
      report.verdicts().forEach(verdict -> say("  %s", verdict));
      say("Report: %s%nCharts: %s, %s", work.resolve("report.md"), work.resolve("latency.png"),
          work.resolve("cpu.png"));
    }
  }

  /**
   * The peak rate once more, with the JDK Flight Recorder in every JVM, and the flame graphs of the three JVMs that
   * spent the most CPU per intake in it; returns them by process.
   */
  private static Map<String, Path> profiledPeak(BenchPlatform platform, ConstantRateIntakes load, int rate,
      int seconds, ProcessCpu cpu, Path folder) throws Exception {
    Thread.sleep(QUIET.toMillis());
    FlameGraphs flames = new FlameGraphs(folder);
    Map<String, Long> jvms = platform.jvms();
    flames.start(jvms);
    Map<String, Long> before = cpu.sample();
    Step step = load.run(rate, seconds);
    Map<String, Double> spent = ProcessCpu.perIntakeMs(before, cpu.sample(), step.created());
    Map<String, Path> recordings = flames.stop(jvms, rate + "-per-s");
    Map<String, Path> drawn = new LinkedHashMap<>();
    List<Path> kept = new ArrayList<>();
    for (String process : spent.entrySet().stream().filter(entry -> recordings.containsKey(entry.getKey()))
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3).map(Map.Entry::getKey).toList()) {
      drawn.put(process, FlameGraphs.draw(recordings.get(process), String.format(Locale.ROOT,
          "Komar %s at %d intakes/s: %.2f ms of CPU per intake", process, rate, spent.get(process))));
      kept.add(recordings.get(process));
    }
    flames.deleteRecordingsBut(kept);
    say("Profiled at the peak (%d/s): flame graphs %s", rate, drawn.values());
    return drawn;
  }

  /** The sample directory, each unit's webhook here and no SMS or email, so every notification is counted. */
  private static void pointWebhooksAt(String base, BenchPlatform platform) throws InterruptedException {
    SampleData.writeDirectory(platform.kafkaSettings(), platform.registryApiUrl(),
        unit -> SampleData.withCapacityTimes(10_000).apply(AgencyUnit.newBuilder(unit)
            .setWebhookUrl(base + unit.getUnitId()).setSmsNumber(null).setEmail(null).build()));
    Thread.sleep(3_000); // the services' global tables and directories catch up
  }

  private static ConsumerRecord<String, byte[]> firstIntakeRecord(Map<String, Object> kafkaSettings) {
    try (var consumer = new KafkaConsumer<>(ClientSettings.plus(kafkaSettings,
        "isolation.level", "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.CASE_INTAKES.name()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          return record;
        }
      }
    }
    throw new IllegalStateException("No record in " + Topics.CASE_INTAKES.name());
  }

  private static String machine() {
    return String.format(Locale.ROOT, "%d cores, %.0f GiB, %s, Java %s", Runtime.getRuntime().availableProcessors(),
        ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024),
        System.getProperty("os.name"), Runtime.version());
  }

  private static void say(String format, Object... values) {
    System.out.println(String.format(Locale.ROOT, format, values));
  }
}
