package org.komar.infra;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Apicurio Registry 3.3 (a Quarkus application) in its own JVM: in-memory for tests, PostgreSQL-backed for the
 * platform run so that registered schemas survive a restart. Its readiness is polled with the JDK's HTTP client:
 * the platform runs without Micronaut.
 */
public final class ApicurioRegistry implements SchemaRegistry {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final ManagedProcess process;
  private final String url;

  private ApicurioRegistry(ManagedProcess process, String url) {
    this.process = process;
    this.url = url;
  }

  /**
   * Starts the registry from its unpacked distribution.
   *
   * @param home the folder holding {@code quarkus-run.jar}
   * @param storage where it keeps its artifacts: a PostgreSQL database, or memory when empty
   * @param workDir the registry's own folder, for its temp files
   */
  public static ApicurioRegistry start(Path home, int port, int managementPort, Optional<DatabaseLogin> storage,
      Path workDir, Path logFile, List<String> jvmOptions) {
    Path runner = home.resolve("quarkus-run.jar");
    if (!Files.isRegularFile(runner)) {
      throw new InfraException("Apicurio Registry is missing at " + home
          + ": build the project first (mvn -DskipTests package), or set KOMAR_APICURIO_HOME.");
    }
    Path temp = workDir.toAbsolutePath().resolve("tmp");
    try {
      Files.createDirectories(temp);
    } catch (java.io.IOException e) {
      throw new InfraException("Could not create the registry's folder " + temp + ": " + e.getMessage(), e);
    }
    List<String> command = new ArrayList<>(List.of(Java.executable()));
    command.addAll(jvmOptions);
    command.addAll(List.of(
        // Quarkus and Vert.x write temp files; keep them in our folder rather than leave them in /tmp.
        "-Djava.io.tmpdir=" + temp,
        "-Dvertx.cacheDirBase=" + temp.resolve("vertx-cache"),
        "-Dquarkus.http.host=" + Ports.LOOPBACK,
        "-Dquarkus.http.port=" + port,
        "-Dquarkus.management.host=" + Ports.LOOPBACK,
        "-Dquarkus.management.port=" + managementPort,
        // Never phone home, never serve a UI: this registry holds the contract of a child-protection system.
        "-Dquarkus.analytics.disabled=true",
        // Its default holds 20 database connections open from the start; a local platform needs a few.
        "-Dapicurio.datasource.jdbc.initial-size=2",
        "-Dapicurio.datasource.jdbc.min-size=2",
        "-Dapicurio.datasource.jdbc.max-size=20"));
    storage.ifPresent(sql -> command.addAll(List.of(
        "-Dapicurio.storage.sql.kind=postgresql",
        "-Dapicurio.datasource.url=" + sql.jdbcUrl(),
        "-Dapicurio.datasource.username=" + sql.username())));
    command.addAll(List.of("-jar", runner.toString()));
    // The password travels in the environment, not on the command line where `ps` would show it.
    Map<String, String> environment = storage.map(sql -> Map.of("APICURIO_DATASOURCE_PASSWORD", sql.password()))
        .orElse(Map.of());
    ManagedProcess process = ManagedProcess.start("Apicurio Registry", command, environment, home, logFile);
    ApicurioRegistry registry = new ApicurioRegistry(process, "http://" + Ports.LOOPBACK + ":" + port);
    process.awaitHttpReady(URI.create("http://" + Ports.LOOPBACK + ":" + managementPort + "/health/ready"),
        READY_TIMEOUT);
    return registry;
  }

  @Override
  public String url() {
    return url;
  }

  public ManagedProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(30));
  }
}
