package org.komar.benchmarks.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import one.convert.Arguments;
import one.convert.JfrToFlame;

/**
 * Where each JVM of the platform spends its CPU during a step: a JDK Flight Recorder recording (method samples every
 * 10 ms, the JDK's {@code profile} settings) started and stopped with {@code jcmd}, between the steps so that the
 * attach itself is not measured, and drawn as a flame graph (HTML) by async-profiler's converter.
 */
final class FlameGraphs {

  private static final String RECORDING = "komar-bench";

  private final Path jcmd;
  private final Path folder;

  /** Recordings and graphs go to {@code folder}, emptied first of an earlier run's. */
  FlameGraphs(Path folder) throws IOException {
    this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    org.komar.infra.Folders.deleteWhatCan(folder);
    this.folder = Files.createDirectories(folder);
  }

  /** Starts recording in every JVM given (name to pid). A JVM that cannot be attached is left out, and said. */
  void start(Map<String, Long> jvms) {
    jvms.forEach((name, pid) -> {
      if (!jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile")) {
        System.out.printf("  (no flame graph of %s: jcmd could not start a recording)%n", name);
      }
    });
  }

  /** Stops the recordings and keeps them as {@code <step>-<name>.jfr}; returns the files written, by name. */
  Map<String, Path> stop(Map<String, Long> jvms, String step) {
    Map<String, Path> written = new LinkedHashMap<>();
    jvms.forEach((name, pid) -> {
      Path file = folder.resolve(fileName(step + "-" + name) + ".jfr");
      if (jcmd(pid, "JFR.stop", "name=" + RECORDING, "filename=" + file) && Files.exists(file)) {
        written.put(name, file);
      }
    });
    return written;
  }

  /** Draws {@code recording} as {@code <same name>.html}, samples of every thread, and returns its path. */
  static Path draw(Path recording, String title) throws IOException {
    Path html = recording.resolveSibling(recording.getFileName().toString().replaceAll("\\.jfr$", ".html"));
    Arguments arguments = new Arguments(recording.toString(), html.toString());
    arguments.title = title;
    JfrToFlame.convert(recording.toString(), html.toString(), arguments);
    return html;
  }

  /**
   * Deletes the recordings not drawn (each is several MB); those drawn stay beside their graphs, for a closer look
   * ({@code jfr view hot-methods}, {@code jfr print}, Mission Control).
   */
  void deleteRecordingsBut(java.util.Collection<Path> drawn) throws IOException {
    try (var files = Files.list(folder)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".jfr") && !drawn.contains(path)).toList()) {
        Files.delete(file);
      }
    }
  }

  private boolean jcmd(long pid, String... command) {
    List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
    line.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String fileName(String text) {
    return text.replaceAll("[^A-Za-z0-9.-]+", "-");
  }
}
