package org.komar.infra.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.komar.infra.ManagedProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pids of the platform's children, in {@code <data>/komar.children}. Children run in sessions of their
 * own, so a launcher killed outright (SIGKILL, out of memory) leaves them running; the next start, and
 * {@code ./komar reset}, stop those leftovers first. A pid counts as ours only while its command line still
 * names the data folder, so a pid reused by another program is never touched.
 */
final class ChildLedger {

  private static final Logger LOG = LoggerFactory.getLogger(ChildLedger.class);
  private static final Duration GRACE = Duration.ofSeconds(30);

  private final Path dataDir;
  private final Path file;

  ChildLedger(Path dataDir) {
    this.dataDir = dataDir;
    this.file = dataDir.resolve("komar.children");
  }

  synchronized void record(ManagedProcess process) {
    try {
      Files.writeString(file, process.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.warn("Could not record pid {} in {}: {}", process.pid(), file, e.getMessage());
    }
  }

  /** Stops the processes a previous launcher of this data folder left running. */
  void stopLeftovers() {
    List<ProcessHandle> leftovers = recorded().stream()
        .map(ProcessHandle::of).flatMap(Optional::stream)
        .filter(ProcessHandle::isAlive)
        .filter(this::ours)
        .toList();
    for (ProcessHandle leftover : leftovers) {
      LOG.warn("Stopping pid {}, left running by an earlier Komar that did not stop cleanly", leftover.pid());
      leftover.destroy();
    }
    for (ProcessHandle leftover : leftovers) {
      try {
        leftover.onExit().get(GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        leftover.destroyForcibly();
      }
    }
    clear();
  }

  private boolean ours(ProcessHandle process) {
    return process.info().commandLine().map(command -> command.contains(dataDir.toString())).orElse(false);
  }

  private List<Long> recorded() {
    try {
      return Files.exists(file) ? Files.readAllLines(file).stream().map(String::trim)
          .filter(line -> line.matches("\\d+")).map(Long::valueOf).toList() : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  synchronized void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", file, e.getMessage());
    }
  }
}
