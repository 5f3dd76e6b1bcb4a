package org.komar.benchmarks.platform;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.komar.benchmarks.platform.Ceilings.DatabaseCeiling;
import org.komar.benchmarks.platform.Ceilings.KafkaCeiling;
import org.komar.benchmarks.platform.ConstantRateIntakes.Step;

/** The benchmark's results: the figures, the ratios to the ceilings, and a chart of latency against load. */
record Report(KafkaCeiling kafka, DatabaseCeiling database, List<Step> ladder, Optional<Step> halfPeak,
    Map<String, Double> peakMemoryMb, Map<String, Double> idleCpuMsPerSecond,
    Map<String, Map<String, Double>> cpuPerIntakeMs, Extras extras, Duration took) {

  /** The platform's own limits, from the issue that set them. */
  static final double RATIO_TARGET = 0.5;
  static final double RATIO_FLOOR = 0.3;
  static final double REFERRAL_P99_MS = 50;
  static final double WEBHOOK_P99_MS = 100;
  static final double MEMORY_MB = 2.5 * 1024;
  static final Duration COLD_START = Duration.ofSeconds(45);
  /**
   * The claim "costs the same" at both backlogs: its median at the large one within this many ms of the small one's.
   * A claim that read the backlog would take tens of ms more at 100,000 rows (161 ms, measured before V4).
   */
  static final double CLAIM_TOLERANCE_MS = 0.25;

  /**
   * What is measured beside the ladder: the platform's cold start, the largest sum of all processes' PSS,
   * notification's claim at two backlogs, the flame graphs of the busiest JVMs at the peak (process name to the HTML
   * file, beside the report), and the soak's minutes (at half the peak).
   */
  record Extras(Duration coldStart, double peakTotalPssMb, List<ClaimTimes.ClaimTime> claims, Map<String, Path> flames,
      List<Soak.Minute> soak) {

    static Extras none() {
      return new Extras(Duration.ZERO, 0, List.of(), Map.of(), List.of());
    }
  }

  private int halfPeakRate() {
    return halfPeak.map(Step::offeredRate).orElse(0);
  }

  /** One target: what it asks, what was measured, whether it was met. */
  record Verdict(String target, String measured, boolean met) {

    @Override
    public String toString() {
      return (met ? "PASS" : "FAIL") + "  " + target + ": " + measured;
    }
  }

  /** Every target the issue set that this run measured, with its pass or fail. */
  List<Verdict> verdicts() {
    List<Verdict> verdicts = new java.util.ArrayList<>();
    double ratio = intakeRatio();
    verdicts.add(new Verdict(format("peak sustained intake rate ≥ %.1f × the database ceiling", RATIO_TARGET),
        format("%,.0f/s = %.3f × %,.0f tx/s", peak().map(Step::achievedRate).orElse(0.0), ratio,
            database.transactionsPerSecond()), ratio >= RATIO_TARGET));
    verdicts.add(new Verdict(format("peak sustained intake rate ≥ %.1f × the database ceiling (must)", RATIO_FLOOR),
        format("%.3f ×", ratio), ratio >= RATIO_FLOOR));
    List<Step> latencySteps = new java.util.ArrayList<>();
    ladder.stream().filter(step -> step.offeredRate() == 25).findFirst().ifPresent(latencySteps::add);
    halfPeak.ifPresent(latencySteps::add);
    for (Step step : latencySteps) {
      String at = step == halfPeak.orElse(null) ? step.offeredRate() + "/s (half the peak)" : step.offeredRate() + "/s";
      verdicts.add(new Verdict(format("intake→referral p99 ≤ %.0f ms at %s", REFERRAL_P99_MS, at),
          format("%.1f ms", ms(step.referral(), 99)), ms(step.referral(), 99) <= REFERRAL_P99_MS));
      verdicts.add(new Verdict(format("intake→webhook p99 ≤ %.0f ms at %s", WEBHOOK_P99_MS, at),
          format("%.1f ms", ms(step.webhook(), 99)), ms(step.webhook(), 99) <= WEBHOOK_P99_MS));
    }
    double memory = extras.peakTotalPssMb();
    if (memory > 0) {
      verdicts.add(new Verdict(format("total peak memory, identity provider included, ≤ %,.0f MB", MEMORY_MB),
          format("%,.0f MB (the largest sum of all processes' PSS; their resident sets' peaks add up to %,.0f MB)",
              memory, peakMemoryMb.values().stream().mapToDouble(d -> d).sum()), memory <= MEMORY_MB));
    }
    if (!extras.coldStart().isZero()) {
      verdicts.add(new Verdict(format("cold start ≤ %d s", COLD_START.toSeconds()),
          format("%.1f s", extras.coldStart().toMillis() / 1000.0), extras.coldStart().compareTo(COLD_START) <= 0));
    }
    if (extras.claims().size() == 2) {
      ClaimTimes.ClaimTime small = extras.claims().getFirst();
      ClaimTimes.ClaimTime large = extras.claims().getLast();
      double smallMs = ms(small.micros(), 50);
      double largeMs = ms(large.micros(), 50);
      verdicts.add(new Verdict(format("claiming due deliveries costs the same at %,d and %,d pending rows "
              + "(medians within %.2f ms)", small.backlog(), large.backlog(), CLAIM_TOLERANCE_MS),
          format("p50 %.3f ms and %.3f ms, p99 %.3f ms and %.3f ms", smallMs, largeMs, ms(small.micros(), 99),
              ms(large.micros(), 99)), largeMs <= smallMs + CLAIM_TOLERANCE_MS));
    }
    verdicts.addAll(Soak.verdicts(extras.soak()));
    return verdicts;
  }

  /** The highest offered rate the platform sustained, as that step. */
  Optional<Step> peak() {
    return ladder.stream().filter(Step::sustained).reduce((first, second) -> second);
  }

  double intakeRatio() {
    return peak().map(Step::achievedRate).orElse(0.0) / database.transactionsPerSecond();
  }

  String markdown(String machine) {
    StringBuilder md = new StringBuilder("# Komar platform benchmark\n\n");
    md.append(machine).append(". One run, ").append(format("%.1f", took.toSeconds() / 60.0))
        .append(" minutes. The platform (Kafka, Apicurio, PostgreSQL and the three services) and this benchmark ")
        .append("share the machine.\n\n");
    md.append("## Ceilings (this machine, without Komar)\n\n| what | figure |\n|---|---|\n");
    md.append(format("| Raw Kafka producer (`acks=all`, idempotent, %d B records, %,d records) | **%,.0f records/s** |%n",
        kafka.recordBytes(), kafka.records(), kafka.recordsPerSecond()));
    md.append(format("| Intake's database transaction alone (intake + outbox row, `synchronous_commit=on`, %d "
            + "connections) | **%,.0f transactions/s** (p50 %.2f ms, p99 %.2f ms) |%n", database.connections(),
        database.transactionsPerSecond(), ms(database.latency(), 50), ms(database.latency(), 99)));
    md.append("\n## Komar at constant arrival rates\n\nLatencies are counted from each intake's due time ")
        .append("(open loop, no coordinated omission), in milliseconds. *Referral*: the police referral is ")
        .append("visible to a `read_committed` consumer. *Webhook*: the police unit's signed webhook has arrived. ")
        .append("*Missing*: referrals and webhooks that had not arrived a minute after the step.\n\n")
        .append("| offered /s | achieved /s | created | failed | not sent | missing | HTTP p50 | HTTP p99 | referral p50 | ")
        .append("referral p99 | referral p99.9 | webhook p50 | webhook p99 | webhook p99.9 | sustained |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Step step : ladder) {
      md.append(row(step, ""));
    }
    halfPeak.ifPresent(step -> md.append(row(step, " (half of peak)")));
    md.append("\nWhere the referral's time goes, in ms: *to routing* from the intake's due time until routing decided ")
        .append("the referral (HTTP, the vault's seal, the database transaction, the outbox relay, Kafka, routing's read); ")
        .append("*commit* from there until a `read_committed` consumer sees it (routing's transaction commits); ")
        .append("*notification* from the referral until the webhook arrives. The referral's record timestamp (routing's ")
        .append("clock, 1 ms resolution) splits the first two.\n\n")
        .append("| offered /s | to routing p50 | to routing p99 | commit p50 | commit p99 | notification p50 | ")
        .append("notification p99 |\n|---|---|---|---|---|---|---|\n");
    java.util.stream.Stream.concat(ladder.stream(), halfPeak.stream()).forEach(step -> md.append(format(
        "| %d%s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", step.offeredRate(),
        step == halfPeak.orElse(null) ? " (half of peak)" : "", ms(step.stages().toRouting(), 50),
        ms(step.stages().toRouting(), 99), ms(step.stages().commit(), 50), ms(step.stages().commit(), 99),
        ms(step.stages().notification(), 50), ms(step.stages().notification(), 99))));
    md.append("\n## Against the targets\n\n| target | measured | |\n|---|---|---|\n");
    verdicts().forEach(verdict -> md.append(format("| %s | %s | **%s** |%n", verdict.target(), verdict.measured(),
        verdict.met() ? "pass" : "FAIL")));
    md.append(format("%nKomar / raw Kafka producer: %.4f ×.%n",
        peak().map(Step::achievedRate).orElse(0.0) / kafka.recordsPerSecond()));
    if (!extras.claims().isEmpty()) {
      md.append("\nNotification's claim of due deliveries (`Deliveries.DUE`, 4 per lane), timed in the running ")
          .append("platform's database with a backlog in one lane that cannot deliver and 50 due webhook rows, added ")
          .append("in a transaction rolled back after:\n\n| pending rows in the backlog | p50 ms | p99 ms |\n|---|---|---|\n");
      extras.claims().forEach(claim -> md.append(format("| %,d | %.3f | %.3f |%n", claim.backlog(),
          ms(claim.micros(), 50), ms(claim.micros(), 99))));
    }
    md.append("\n## Peak memory\n\n| process | peak MB |\n|---|---|\n");
    peakMemoryMb.forEach((name, mb) -> md.append(format("| %s | %,.0f |%n", name, mb)));
    md.append(format("| **total** | **%,.0f** |%n", peakMemoryMb.values().stream().mapToDouble(d -> d).sum()));
    md.append("\nJVMs: peak resident set (`VmHWM`). PostgreSQL: the largest sum of its processes' PSS seen. The sum ")
        .append("of these peaks counts each page the JVMs share (the JDK's code, its class-data archive) in every JVM, ")
        .append("and adds peaks that came at different times.\n");
    if (extras.peakTotalPssMb() > 0) {
      md.append(format("%nAll the processes together, at their largest (sum of their proportional set sizes, sampled "
          + "every half second, a shared page counted once): **%,.0f MB**.%n", extras.peakTotalPssMb()));
    }
    md.append("\n![latency against offered load](latency.png)\n");
    if (!cpuPerIntakeMs.isEmpty()) {
      md.append("\n## Where the CPU goes: milliseconds of CPU per intake, by process\n\n")
          .append("From each process's user and system time (`/proc/<pid>/stat`) before and after each step, ")
          .append("divided by the intakes the step created. PostgreSQL's backends are counted by database.\n\n");
      List<String> processes = cpuPerIntakeMs.values().stream().flatMap(step -> step.keySet().stream()).distinct()
          .toList();
      md.append("| step | ").append(String.join(" | ", processes)).append(" | all |\n|---|");
      processes.forEach(name -> md.append("---|"));
      md.append("---|\n");
      cpuPerIntakeMs.forEach((step, byProcess) -> {
        md.append("| ").append(step).append(" | ");
        processes.forEach(name -> md.append(format("%.2f | ", byProcess.getOrDefault(name, 0.0))));
        md.append(format("**%.2f** |%n", byProcess.values().stream().mapToDouble(d -> d).sum()));
      });
      md.append("\n![CPU per intake by process](cpu.png)\n");
      md.append("\nAt rest, before the steps (no intake): milliseconds of CPU per second, by process. Part of each ")
          .append("step's CPU per intake is this, spread over the step's intakes.\n\n")
          .append("| process | ms/s at rest |\n|---|---|\n");
      idleCpuMsPerSecond.forEach((name, ms) -> md.append(format("| %s | %.1f |%n", name, ms)));
      md.append(format("| **all** | **%.1f** |%n", idleCpuMsPerSecond.values().stream().mapToDouble(d -> d).sum()));
    }
    if (!extras.soak().isEmpty()) {
      md.append(format("%n## Soak: %d minutes at %d intakes/s (half the peak)%n%n", extras.soak().size(),
          halfPeakRate()))
          .append("Each minute is one open-loop step. *Memory*: every process's resident set now (PostgreSQL's PSS), ")
          .append("all together. *Lag*: records not yet consumed, over every consumer group's committed offsets, at ")
          .append("the minute's end.\n\n![soak](soak.png)\n\n")
          .append("| minute | achieved /s | failed | missing | referral p99 ms | webhook p99 ms | memory MB | lag |\n")
          .append("|---|---|---|---|---|---|---|---|\n");
      extras.soak().forEach(minute -> md.append(format("| %d | %.0f | %d | %d | %.1f | %.1f | %,.0f | %,d |%n",
          minute.minute(), minute.achieved(), minute.failed(), minute.missing(), minute.referralP99(),
          minute.webhookP99(), minute.memoryMb(), minute.lag())));
    }
    if (!extras.flames().isEmpty()) {
      md.append("\n## Flame graphs of the busiest JVMs at the peak (")
          .append(peak().map(step -> step.offeredRate() + "/s").orElse("")).append(")\n\n")
          .append("JDK Flight Recorder method samples (the JDK's `profile` settings: every 10 ms of each running ")
          .append("thread), in a step of their own at the peak rate after the measured ones, so that the recorder's ")
          .append("cost is in none of the figures above; drawn for the three JVMs that spent the most CPU per intake ")
          .append("in it. Java code only: the kernel's time (system calls, network, wake-ups), the collector's and ")
          .append("the compiler's are not sampled. Open them in a browser; each recording (`.jfr`) is kept beside its ")
          .append("graph.\n\n");
      extras.flames().forEach((process, html) -> md.append(format("- %s: [%s](%s)%n", process, html.getFileName(),
          html.getFileName())));
    }
    return md.toString();
  }

  /** CPU per intake of each step, stacked by process. */
  void writeCpuChart(Path png) throws IOException {
    org.jfree.data.category.DefaultCategoryDataset data = new org.jfree.data.category.DefaultCategoryDataset();
    cpuPerIntakeMs.forEach((step, byProcess) -> byProcess.forEach((process, ms) -> {
      if (!Double.isNaN(ms)) {
        data.addValue(Math.max(0, ms), process, step);
      }
    }));
    JFreeChart chart = ChartFactory.createStackedBarChart("Komar: CPU per intake, by process", "step",
        "CPU ms per intake", data, PlotOrientation.VERTICAL, true, false, false);
    chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
    chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 650);
  }

  /** The soak's latency (left axis) and memory (right axis), minute by minute. */
  void writeSoakChart(Path png) throws IOException {
    XYSeries referral = new XYSeries("intake→referral p99 (ms)");
    XYSeries webhook = new XYSeries("intake→webhook p99 (ms)");
    XYSeries memory = new XYSeries("memory, all processes (MB)");
    extras.soak().forEach(minute -> {
      referral.add(minute.minute(), minute.referralP99());
      webhook.add(minute.minute(), minute.webhookP99());
      memory.add(minute.minute(), minute.memoryMb());
    });
    XYSeriesCollection latencies = new XYSeriesCollection();
    latencies.addSeries(referral);
    latencies.addSeries(webhook);
    JFreeChart chart = ChartFactory.createXYLineChart(format("Komar: soak at %d intakes/s", halfPeakRate()),
        "minute", "latency p99, ms", latencies, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    org.jfree.chart.axis.NumberAxis megabytes = new org.jfree.chart.axis.NumberAxis("memory, MB");
    megabytes.setAutoRangeIncludesZero(true);
    plot.setRangeAxis(1, megabytes);
    plot.setDataset(1, new XYSeriesCollection(memory));
    plot.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer memoryLine = new XYLineAndShapeRenderer(true, false);
    memoryLine.setSeriesPaint(0, Color.DARK_GRAY);
    plot.setRenderer(1, memoryLine);
    plot.addRangeMarker(marker(REFERRAL_P99_MS, format("referral p99 target %.0f ms", REFERRAL_P99_MS),
        Color.DARK_GRAY));
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 650);
  }

  private static String row(Step step, String note) {
    return format("| %d%s | %,.0f | %,d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s |%n",
        step.offeredRate(), note, step.achievedRate(), step.created(), step.failed(), step.notSent(),
        step.referralsMissing() + step.webhooksMissing(), ms(step.http(), 50), ms(step.http(), 99), ms(step.referral(), 50), ms(step.referral(), 99),
        ms(step.referral(), 99.9), ms(step.webhook(), 50), ms(step.webhook(), 99), ms(step.webhook(), 99.9),
        step.sustained() ? "yes" : "no");
  }

  void writeChart(Path png) throws IOException {
    XYSeriesCollection series = new XYSeriesCollection();
    series.addSeries(line("intake→referral p50", histogram -> ms(histogram.referral(), 50)));
    series.addSeries(line("intake→referral p99", histogram -> ms(histogram.referral(), 99)));
    series.addSeries(line("intake→webhook p99", histogram -> ms(histogram.webhook(), 99)));
    series.addSeries(line("HTTP answer p99", histogram -> ms(histogram.http(), 99)));
    JFreeChart chart = ChartFactory.createXYLineChart("Komar: latency against offered intake rate", null, null,
        series, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    LogAxis load = new LogAxis("offered intakes per second (log)");
    load.setSmallestValue(1);
    load.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
    load.setRange(ladder.getFirst().offeredRate() / 1.5, kafka.recordsPerSecond() * 1.5);
    plot.setDomainAxis(load);
    LogAxis latency = new LogAxis("latency, ms (log)");
    latency.setSmallestValue(0.1);
    latency.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#"));
    plot.setRangeAxis(latency);
    plot.setRenderer(new XYLineAndShapeRenderer(true, true));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.addDomainMarker(marker(database.transactionsPerSecond(), "DB transaction ceiling", Color.RED));
    plot.addDomainMarker(marker(RATIO_TARGET * database.transactionsPerSecond(),
        format("target %.1f × DB ceiling", RATIO_TARGET), Color.ORANGE));
    plot.addDomainMarker(marker(RATIO_FLOOR * database.transactionsPerSecond(),
        format("floor %.1f × DB ceiling", RATIO_FLOOR), Color.ORANGE.darker()));
    plot.addDomainMarker(marker(kafka.recordsPerSecond(), "Kafka producer ceiling", Color.BLUE));
    plot.addRangeMarker(marker(WEBHOOK_P99_MS, format("webhook p99 target %.0f ms", WEBHOOK_P99_MS), Color.GRAY));
    plot.addRangeMarker(marker(REFERRAL_P99_MS, format("referral p99 target %.0f ms", REFERRAL_P99_MS),
        Color.DARK_GRAY));
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 650);
  }

  private XYSeries line(String name, java.util.function.ToDoubleFunction<Step> value) {
    XYSeries line = new XYSeries(name);
    ladder.stream().filter(step -> step.created() > 0)
        .forEach(step -> line.add(step.offeredRate(), Math.max(0.1, value.applyAsDouble(step))));
    return line;
  }

  private static ValueMarker marker(double at, String label, Color color) {
    ValueMarker marker = new ValueMarker(at, color, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
    marker.setLabel(label);
    marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    return marker;
  }

  static double ms(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
  }

  private static String format(String format, Object... values) {
    return String.format(Locale.ROOT, format, values);
  }
}
