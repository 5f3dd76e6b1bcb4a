package org.komar.benchmarks;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs Komar's JMH benchmarks and prints one line per figure. Arguments: a regular expression of the benchmarks
 * to run (default: all). On a 2-core machine the error bars are wide; compare figures from one run.
 */
public final class Benchmarks {

  private Benchmarks() {
  }

  public static void main(String[] args) throws RunnerException {
    Options options = new OptionsBuilder()
        .include(args.length > 0 ? args[0] : "org\\.komar\\.benchmarks\\..*Benchmark")
        .forks(1)
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(5)
        .measurementTime(TimeValue.seconds(1))
        .threads(1)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    System.out.println("\nKomar benchmarks (one thread, ops/s, mean ± 99.9% error):");
    for (RunResult result : results) {
      var primary = result.getPrimaryResult();
      String benchmark = result.getParams().getBenchmark().replace("org.komar.benchmarks.", "");
      String param = result.getParams().getParamsKeys().stream()
          .map(key -> key + "=" + result.getParams().getParam(key)).reduce("", (a, b) -> a + b);
      System.out.println(String.format(Locale.ROOT, "  %-32s %-26s %,14.0f ± %,.0f", benchmark, param,
          primary.getScore(), primary.getScoreError()));
    }
  }
}
