package org.komar.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server of the local platform running as a child process, its output in a log file.
 *
 * <p>Stopping asks politely first (SIGTERM, so Kafka and the services shut down cleanly), then forcibly,
 * and takes the process's descendants with it, so that nothing of ours outlives the platform.
 */
public final class ManagedProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);
  private static final int LOG_TAIL_LINES = 40;
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final String name;
  private final Process process;
  private final Path log;

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} with the extra environment, appending its output to {@code log}. */
  public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
      Path workingDirectory, Path log) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(inOwnSession(command))
          .directory(workingDirectory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      // glibc gives a multi-threaded process up to 8 malloc arenas per core, each keeping memory it has freed; two
      // is the usual bound for JVMs (and RocksDB). Its own effect was not measured apart from this change's other
      // memory settings. The caller's own setting wins.
      builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
      builder.environment().putAll(environment);
      Process process = builder.start();
      LOG.debug("Started {} (pid {}), log {}", name, process.pid(), log);
      return new ManagedProcess(name, process, log);
    } catch (IOException e) {
      throw new InfraException("Could not start " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
    }
  }

  /**
   * The command run through {@code setsid} where available: in a session of its own, a child does not get the
   * terminal's Ctrl-C, so the platform stops its parts in order instead of all at once.
   */
  private static List<String> inOwnSession(List<String> command) {
    if (!Files.isExecutable(SETSID)) {
      return command;
    }
    List<String> wrapped = new java.util.ArrayList<>(command.size() + 1);
    wrapped.add(SETSID.toString());
    wrapped.addAll(command);
    return wrapped;
  }

  /** Runs a short command to completion, failing with its output when it does not exit with 0. */
  public static void run(String name, List<String> command, Path workingDirectory, Path log, Duration timeout) {
    run(name, command, Map.of(), workingDirectory, log, timeout);
  }

  /** The same, with extra environment. */
  public static void run(String name, List<String> command, Map<String, String> environment, Path workingDirectory,
      Path log, Duration timeout) {
    ManagedProcess process = start(name, command, environment, workingDirectory, log);
    try {
      if (!process.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.close();
        throw new InfraException(name + " did not finish within " + timeout.toSeconds() + " s." + process.logTail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.close();
      throw new InfraException(name + " was interrupted", e);
    }
    if (process.process.exitValue() != 0) {
      throw new InfraException(name + " failed with exit code " + process.process.exitValue() + "."
          + process.logTail());
    }
  }

  /**
   * Waits until {@code GET readiness} answers 200 (a Quarkus application's health check), and stops the process
   * if it never does.
   */
  public void awaitHttpReady(URI readiness, Duration timeout) {
    try (HttpClient http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(2)).build()) {
      awaitReady(timeout, () -> http.send(HttpRequest.newBuilder(readiness)
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200);
    }
  }

  /** Waits until the check passes, failing early with the log's last lines if the process exits. */
  public void awaitReady(Duration timeout, Wait.Check check) {
    try {
      Wait.until(name, timeout, check, process::isAlive, this::logTail);
    } catch (RuntimeException e) {
      // A process that never became ready is stopped, not left running after the caller gives up on it.
      close();
      throw e;
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** The last lines of the log, ready to append to an error message. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return "\nLast lines of " + log + ":\n  " + String.join("\n  ", tail);
    } catch (IOException e) {
      return "\n(no log at " + log + ")";
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL after the grace period) and its descendants. */
  public void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} did not stop within {} s; killing it", name, grace.toSeconds());
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    for (ProcessHandle descendant : descendants) {
      if (descendant.isAlive()) {
        descendant.destroyForcibly();
      }
    }
  }

  /** Kills the process and its descendants at once (SIGKILL), as a crash would: for fault tests. */
  public void kill() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }
}
