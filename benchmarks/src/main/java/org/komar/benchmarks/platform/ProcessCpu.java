package org.komar.benchmarks.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time each of the platform's processes spent, from the kernel's own accounting ({@code /proc/<pid>/stat}:
 * user and system time, in clock ticks). A JVM is one process. PostgreSQL is a postmaster and a backend per
 * connection: each backend is counted under its database ({@code pg_stat_activity}), as
 * {@code postgresql <database>}, and the postmaster and its helpers under {@code postgresql (other)}. Sampled before
 * and after a step, the difference per intake says where the step's CPU went. A backend that ends between two
 * samples takes its CPU with it; the services' connection pools keep theirs open.
 */
final class ProcessCpu {

  /** Linux's clock ticks per second ({@code getconf CLK_TCK}: 100 on every common kernel). */
  private static final double TICKS_PER_SECOND = 100.0;

  private final Map<String, Long> processes;
  private final String jdbcUrl;
  private final String user;
  private final String password;

  ProcessCpu(Map<String, Long> processes, String jdbcUrl, String user, String password) {
    this.processes = processes;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /** Clock ticks spent so far, by process (PostgreSQL by database). */
  Map<String, Long> sample() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    for (var process : processes.entrySet()) {
      if (process.getKey().equals("postgresql")) {
        postgres(process.getValue()).forEach((name, spent) -> ticks.merge(name, spent, Long::sum));
      } else {
        ticks.put(process.getKey(), ticks(process.getValue()));
      }
    }
    return ticks;
  }

  /** Milliseconds of CPU per second, by process, between two samples {@code seconds} apart. */
  static Map<String, Double> perSecondMs(Map<String, Long> before, Map<String, Long> after, double seconds) {
    Map<String, Double> perSecond = new LinkedHashMap<>();
    after.forEach((name, spent) -> perSecond.put(name,
        (spent - before.getOrDefault(name, 0L)) * 1000.0 / TICKS_PER_SECOND / seconds));
    return perSecond;
  }

  /** Milliseconds of CPU per intake, by process, between two samples of a step that created {@code intakes}. */
  static Map<String, Double> perIntakeMs(Map<String, Long> before, Map<String, Long> after, long intakes) {
    Map<String, Double> perIntake = new LinkedHashMap<>();
    after.forEach((name, spent) -> perIntake.put(name,
        intakes == 0 ? Double.NaN : (spent - before.getOrDefault(name, 0L)) * 1000.0 / TICKS_PER_SECOND / intakes));
    return perIntake;
  }

  private Map<String, Long> postgres(long postmaster) {
    Map<Long, String> databaseOf = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT pid, datname FROM pg_stat_activity")) {
      while (rows.next()) {
        if (rows.getString(2) != null) {
          databaseOf.put(rows.getLong(1), rows.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read pg_stat_activity: " + e.getMessage(), e);
    }
    Map<String, Long> ticks = new LinkedHashMap<>();
    ticks.put("postgresql (other)", ticks(postmaster));
    ProcessHandle.of(postmaster).ifPresent(root -> root.descendants().forEach(backend -> {
      String database = databaseOf.get(backend.pid());
      ticks.merge(database == null ? "postgresql (other)" : "postgresql " + database, ticks(backend.pid()),
          Long::sum);
    }));
    return ticks;
  }

  /** User and system ticks of one process; 0 once it has gone. */
  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name is in parentheses and may hold spaces: the fields after it are counted from its end.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }
}
