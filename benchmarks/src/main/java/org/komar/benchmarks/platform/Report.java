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
    Map<String, Map<String, Double>> cpuPerIntakeMs, Duration took) {

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
    md.append("\n## Against the targets\n\n");
    md.append(format("- Peak sustained intake rate: **%,.0f intakes/s** = **%.2f ×** the database-transaction ceiling "
        + "(target ≥ 0.3 ×): %s.%n", peak().map(Step::achievedRate).orElse(0.0), intakeRatio(),
        intakeRatio() >= 0.3 ? "met" : "not met"));
    md.append(format("- Komar / raw Kafka producer: %.3f ×.%n",
        peak().map(Step::achievedRate).orElse(0.0) / kafka.recordsPerSecond()));
    halfPeak.ifPresent(step -> md.append(format("- Intake→referral p99 at half of the peak (%d/s): **%.1f ms** "
        + "(target < 100 ms): %s.%n", step.offeredRate(), ms(step.referral(), 99),
        ms(step.referral(), 99) < 100 ? "met" : "not met")));
    md.append("\n## Peak memory\n\n| process | peak MB |\n|---|---|\n");
    peakMemoryMb.forEach((name, mb) -> md.append(format("| %s | %,.0f |%n", name, mb)));
    md.append(format("| **total** | **%,.0f** |%n", peakMemoryMb.values().stream().mapToDouble(d -> d).sum()));
    md.append("\nJVMs: peak resident set (`VmHWM`). PostgreSQL: the largest sum of its processes' PSS seen.\n");
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
    plot.addDomainMarker(marker(0.3 * database.transactionsPerSecond(), "target 0.3 × DB ceiling", Color.ORANGE));
    plot.addDomainMarker(marker(kafka.recordsPerSecond(), "Kafka producer ceiling", Color.BLUE));
    plot.addRangeMarker(marker(100, "100 ms", Color.GRAY));
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
