package org.komar.infra.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.komar.infra.Folders;
import org.komar.infra.ApicurioRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test stacks whose JVM was killed outright (a Surefire fork timed out, {@code kill -9}) leave PostgreSQL and the
 * registry running, in sessions of their own. Each stack claims its temp folder with an {@code owner} file (its
 * JVM's pid, then its children's); the next stack to start stops the leftovers of stacks whose JVM is gone and
 * deletes their folders.
 */
final class LeftoverStacks {

  static final String PREFIX = "komar-test-postgres-";
  private static final Logger LOG = LoggerFactory.getLogger(LeftoverStacks.class);
  private static final String OWNER = "owner";

  private LeftoverStacks() {
  }

  /** Marks the folder as this JVM's. */
  static Path claim(Path home) throws IOException {
    Files.writeString(home.resolve(OWNER), ProcessHandle.current().pid() + "\n");
    return home;
  }

  /** Notes the registry's pid in the owner file, so that it can be stopped if this JVM dies. */
  static ApicurioRegistry owned(Path home, ApicurioRegistry registry) {
    try {
      Files.writeString(home.resolve(OWNER), registry.process().pid() + "\n", StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.warn("Could not note the registry's pid in {}: {}", home, e.getMessage());
    }
    return registry;
  }

  /** Stops what dead test JVMs left behind under the temp folder. */
  static void stop() {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> folders = Files.list(temp)) {
      folders.filter(folder -> folder.getFileName().toString().startsWith(PREFIX))
          .filter(folder -> Files.exists(folder.resolve(OWNER)))
          .forEach(LeftoverStacks::stopIfOrphaned);
    } catch (IOException e) {
      LOG.warn("Could not look for leftover test stacks in {}: {}", temp, e.getMessage());
    }
  }

  private static void stopIfOrphaned(Path home) {
    List<Long> pids;
    try {
      pids = Files.readAllLines(home.resolve(OWNER)).stream().map(String::trim)
          .filter(line -> line.matches("\\d+")).map(Long::valueOf).toList();
    } catch (IOException e) {
      return;
    }
    if (pids.isEmpty() || ProcessHandle.of(pids.getFirst()).map(ProcessHandle::isAlive).orElse(false)) {
      return;
    }
    LOG.warn("Stopping a test stack left running by a test JVM that died (pid {}): {}", pids.getFirst(), home);
    pids.stream().skip(1).map(ProcessHandle::of).flatMap(Optional::stream)
        .filter(process -> process.info().commandLine().map(line -> line.contains("quarkus-run.jar")).orElse(false))
        .forEach(LeftoverStacks::stop);
    postmaster(home).ifPresent(LeftoverStacks::stop);
    Folders.deleteWhatCan(home);
  }

  private static Optional<ProcessHandle> postmaster(Path home) {
    try {
      List<String> lines = Files.readAllLines(home.resolve("data").resolve("postmaster.pid"));
      return lines.isEmpty() || !lines.getFirst().trim().matches("\\d+") ? Optional.empty()
          : ProcessHandle.of(Long.parseLong(lines.getFirst().trim()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void stop(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }
}
