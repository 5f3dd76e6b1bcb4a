package org.komar.benchmarks.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peak memory of each of the platform's processes during a run. For a JVM it is the kernel's own peak
 * resident set ({@code VmHWM}); PostgreSQL is a postmaster and one backend per connection sharing one buffer
 * pool, so it is sampled as the largest sum of their proportional set sizes (PSS), which counts shared pages once.
 */
final class PeakMemory implements AutoCloseable {

  private final Map<String, Long> processes;
  private final Map<String, Long> peakKb = new ConcurrentHashMap<>();
  private volatile long peakTotalPssKb;
  private volatile boolean frozen;
  private final Thread sampler;
  private volatile boolean running = true;

  PeakMemory(Map<String, Long> processes) {
    this.processes = processes;
    sampler = Thread.ofPlatform().name("memory-sampler").daemon().start(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(Duration.ofMillis(500));
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  private void sample() {
    if (frozen) {
      return;
    }
    long totalPss = 0;
    for (var process : processes.entrySet()) {
      long kb = process.getKey().equals("postgresql") ? postgresKb(process.getValue())
          : field(process.getValue(), "status", "VmHWM:");
      peakKb.merge(process.getKey(), kb, Math::max);
      totalPss += process.getKey().equals("postgresql") ? kb : field(process.getValue(), "smaps_rollup", "Pss:");
    }
    peakTotalPssKb = Math.max(peakTotalPssKb, totalPss);
  }

  /**
   * The largest memory of all the processes together, in MB, as sampled: the sum of their proportional set sizes
   * (PSS), which counts a page that several JVMs map (the JDK's own code and class-data archive) once, shared among
   * them, where adding their resident sets would count it in each.
   */
  double peakTotalPssMb() {
    sample();
    return peakTotalPssKb / 1024.0;
  }

  /** Stops sampling the peaks: what follows (a profiled step) would add its own cost to them. */
  void freeze() {
    sample();
    frozen = true;
  }

  /** The memory every process holds now, in MB, all together: JVMs' resident sets ({@code VmRSS}), PostgreSQL's PSS. */
  double nowMb() {
    long kb = 0;
    for (var process : processes.entrySet()) {
      kb += process.getKey().equals("postgresql") ? postgresKb(process.getValue())
          : field(process.getValue(), "status", "VmRSS:");
    }
    return kb / 1024.0;
  }

  private static long postgresKb(long postmaster) {
    return tree(postmaster).stream().mapToLong(pid -> field(pid, "smaps_rollup", "Pss:")).sum();
  }

  /** Peak megabytes by process name, in the order the processes were given. */
  Map<String, Double> peaksMb() {
    sample();
    Map<String, Double> peaks = new LinkedHashMap<>();
    processes.keySet().forEach(name -> peaks.put(name, peakKb.getOrDefault(name, 0L) / 1024.0));
    return peaks;
  }

  private static List<Long> tree(long root) {
    List<Long> pids = new ArrayList<>();
    ProcessHandle.of(root).ifPresent(handle -> {
      pids.add(root);
      handle.descendants().forEach(child -> pids.add(child.pid()));
    });
    return pids;
  }

  private static long field(long pid, String file, String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between listing and reading
    }
    return 0;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
  }
}
