package org.komar.benchmarks.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.komar.benchmarks.LocalKafka;
import org.komar.benchmarks.PlatformTokens;
import org.komar.infra.Folders;
import org.komar.infra.Ports;

/**
 * The local platform as {@code ./komar run} starts it (Kafka, registry, PostgreSQL, the three services), in a
 * child process with a data folder of its own and free ports, so that a benchmark never touches the developer's
 * platform or its data. Knows the processes it is made of, to measure their memory.
 */
final class BenchPlatform implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  final Path dataDir;
  final int kafkaPort = Ports.free();
  final int registryPort = Ports.free();
  final int dbPort = Ports.free();
  final int intakePort = Ports.free();
  final int keycloakPort = Ports.free();
  private final Path launcherLog;
  private Process launcher;
  private Duration coldStart = Duration.ZERO;

  private BenchPlatform(Path workDir) {
    this.dataDir = workDir.resolve("data");
    this.launcherLog = workDir.resolve("platform.log");
  }

  /** Starts a fresh platform under {@code workDir} (its earlier data deleted) and returns when it is up. */
  static BenchPlatform start(Path projectHome, Path workDir) throws IOException, InterruptedException {
    BenchPlatform platform = new BenchPlatform(workDir);
    Folders.deleteWhatCan(platform.dataDir);
    Files.createDirectories(workDir);
    Map<String, String> environment = new HashMap<>();
    environment.put("KOMAR_DATA_DIR", platform.dataDir.toString());
    environment.put("KOMAR_KAFKA_PORT", Integer.toString(platform.kafkaPort));
    environment.put("KOMAR_KAFKA_CONTROLLER_PORT", Integer.toString(Ports.free()));
    environment.put("KOMAR_REGISTRY_PORT", Integer.toString(platform.registryPort));
    environment.put("KOMAR_REGISTRY_MANAGEMENT_PORT", Integer.toString(Ports.free()));
    environment.put("KOMAR_KEYCLOAK_PORT", Integer.toString(platform.keycloakPort));
    environment.put("KOMAR_KEYCLOAK_MANAGEMENT_PORT", Integer.toString(Ports.free()));
    environment.put("KOMAR_DB_PORT", Integer.toString(platform.dbPort));
    environment.put("KOMAR_INTAKE_PORT", Integer.toString(platform.intakePort));
    environment.put("KOMAR_ROUTING_PORT", Integer.toString(Ports.free()));
    environment.put("KOMAR_NOTIFICATION_PORT", Integer.toString(Ports.free()));
    environment.put("KOMAR_CONSOLE_PORT", Integer.toString(Ports.free()));
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC",
        "-Dkomar.home=" + projectHome, "-cp", "infra/platform/target/classes:infra/platform/target/lib/*",
        "org.komar.infra.platform.LocalPlatform")
        .directory(projectHome.toFile()).redirectErrorStream(true).redirectOutput(platform.launcherLog.toFile());
    // Only what this platform is given: never an external cluster or a secret from the caller's shell.
    builder.environment().keySet().removeIf(name -> name.startsWith("KOMAR_") || name.startsWith("KAFKA_")
        || name.startsWith("SCHEMA_REGISTRY") || name.startsWith("DB_") || name.endsWith("_SECRET")
        || name.endsWith("_KEY"));
    builder.environment().putAll(environment);
    long launched = System.nanoTime();
    platform.launcher = builder.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!platform.log().contains("Komar is running")) {
      if (!platform.launcher.isAlive() || System.nanoTime() > deadline) {
        platform.close();
        throw new IllegalStateException("The platform did not start; its output (" + platform.launcherLog + "):\n"
            + tail(platform.log()));
      }
      Thread.sleep(100);
    }
    platform.coldStart = Duration.ofNanos(System.nanoTime() - launched);
    return platform;
  }

  /**
   * From launching {@code ./komar run}'s launcher on an empty data folder to its "Komar is running": a cold start, built
   * code given (provisioning, realm and directory included).
   */
  Duration coldStart() {
    return coldStart;
  }

  /** The notification service's database, which the benchmark's database login (a superuser here) can reach. */
  String notificationJdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + dbPort + "/notification";
  }

  /** The platform's JVMs by name: every process but PostgreSQL's. */
  Map<String, Long> jvms() throws IOException {
    Map<String, Long> jvms = new LinkedHashMap<>(processes());
    jvms.remove("postgresql");
    return jvms;
  }

  /** The sample accounts' tokens, from this platform's Keycloak. */
  PlatformTokens tokens() {
    return new PlatformTokens("http://127.0.0.1:" + keycloakPort + "/realms/komar", dataDir);
  }

  String intakeUrl() {
    return "http://127.0.0.1:" + intakePort;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  /** The Kafka administrator's settings on this platform: its password is in the platform's data folder. */
  Map<String, Object> kafkaSettings() {
    return LocalKafka.adminSettings(bootstrapServers(), dataDir);
  }

  String registryApiUrl() {
    return "http://127.0.0.1:" + registryPort + "/apis/registry/v3";
  }

  String intakeJdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + dbPort + "/intake";
  }

  String dbPassword() throws IOException {
    return Files.readString(dataDir.resolve("secrets").resolve("db-password")).trim();
  }

  /**
   * The platform's processes by name: each JVM it started, and PostgreSQL's postmaster (whose backends are its
   * children).
   */
  Map<String, Long> processes() throws IOException {
    Map<String, Long> named = new LinkedHashMap<>();
    Path children = dataDir.resolve("komar.children");
    if (Files.exists(children)) {
      for (String line : Files.readAllLines(children)) {
        if (line.matches("\\d+")) {
          long pid = Long.parseLong(line);
          String command = commandLine(pid);
          if (command.contains("kc.sh") || command.contains("quarkus-run.jar") && command.contains("keycloak")) {
            // Keycloak starts as its kc.sh script, whose child is the JVM that does the work
            named.put("keycloak", ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .filter(child -> commandLine(child.pid()).contains("java")).map(ProcessHandle::pid).findFirst()
                .orElse(pid));
          } else if (command.contains("quarkus-run.jar")) {
            named.put("schema registry", pid);
          } else if (command.contains("kafka.Kafka") || command.contains("KafkaServer")) {
            named.put("kafka", pid);
          } else if (command.contains("org.komar.vault")) {
            named.put("vault-service", pid);
          } else if (command.contains("org.komar.intake")) {
            named.put("intake-service", pid);
          } else if (command.contains("org.komar.routing")) {
            named.put("routing-service", pid);
          } else if (command.contains("org.komar.notification")) {
            named.put("notification-service", pid);
          } else if (command.contains("org.komar.console")) {
            named.put("console", pid);
          } else if (command.contains("org.komar.reporting")) {
            named.put("reporting-service", pid);
          }
        }
      }
    }
    Path postmaster = dataDir.resolve("postgres").resolve("data").resolve("postmaster.pid");
    if (Files.exists(postmaster)) {
      named.put("postgresql", Long.parseLong(Files.readAllLines(postmaster).getFirst().trim()));
    }
    return named;
  }

  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  private String log() {
    try {
      return Files.exists(launcherLog) ? Files.readString(launcherLog) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  /** Stops the platform as Ctrl-C does (its launcher stops every process it started) and waits for it. */
  @Override
  public void close() throws InterruptedException {
    if (launcher != null && launcher.isAlive()) {
      launcher.destroy();
      if (!launcher.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        launcher.destroyForcibly();
      }
    }
  }
}
