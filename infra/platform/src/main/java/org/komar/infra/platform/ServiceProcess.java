package org.komar.infra.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.komar.infra.InfraException;
import org.komar.infra.ManagedProcess;
import org.komar.infra.Ports;

/** One of Komar's services, run from its build ({@code target/<module>-<version>.jar} and {@code target/lib}). */
final class ServiceProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  /**
   * A service of the platform: its module, main class, its own database if it keeps one, and JVM options of its own
   * (given before the common ones, so that {@code KOMAR_SERVICE_JAVA_OPTS} still has the last word).
   */
  record Service(String module, String mainClass, Optional<String> database, List<String> javaOptions) {

    Service(String module, String mainClass, Optional<String> database) {
      this(module, mainClass, database, List.of());
    }
  }

  /**
   * The pages people click through (the console, the public reporting page), off the intake's path: C1 alone, without
   * C2's compiled code and compiler arenas. Their peak resident sets in {@code ./komar bench} fell from 164-189 and
   * 156-166 MB to 135 and 120 MB; how fast their pages answer under C1 was not measured.
   */
  private static final List<String> PAGES = List.of("-XX:TieredStopAtLevel=1");

  /** In the order they start: the vault first, so that the others are given its address. */
  static final List<Service> SERVICES = List.of(
      new Service("vault-service", "org.komar.vault.service.VaultApplication", Optional.of("vault")),
      new Service("intake-service", "org.komar.intake.IntakeApplication", Optional.of("intake")),
      new Service("routing-service", "org.komar.routing.RoutingApplication", Optional.empty()),
      new Service("notification-service", "org.komar.notification.NotificationApplication",
          Optional.of("notification")),
      new Service("console", "org.komar.console.ConsoleApplication", Optional.empty(), PAGES),
      new Service("reporting-service", "org.komar.reporting.ReportingApplication", Optional.empty(), PAGES));

  private final Service service;
  private final ManagedProcess process;
  private final int port;

  private ServiceProcess(Service service, ManagedProcess process, int port) {
    this.service = service;
    this.process = process;
    this.port = port;
  }

  /** Starts the service; its log goes to {@code <dataDir>/logs/<module>.log}. */
  static ServiceProcess start(Path projectHome, Service service, int port, Map<String, String> environment,
      List<String> javaOptions, Path dataDir) {
    Path target = projectHome.resolve(service.module()).resolve("target");
    Path jar = applicationJar(target, service.module());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    // Names the data folder on the command line, which is how a leftover process is recognised as ours.
    command.add("-Dkomar.data=" + dataDir);
    command.addAll(List.of("-cp", jar + ":" + target.resolve("lib") + "/*", service.mainClass()));
    ManagedProcess process = ManagedProcess.start(service.module(), command, environment, projectHome,
        dataDir.resolve("logs").resolve(service.module() + ".log"));
    return new ServiceProcess(service, process, port);
  }

  private static Path applicationJar(Path target, String module) {
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(file -> file.getFileName().toString().matches(module + "-[0-9][^/]*\\.jar"))
          .filter(file -> !file.getFileName().toString().endsWith("-tests.jar"))
          .findFirst()
          .orElseThrow(() -> new InfraException("No jar of " + module + " in " + target
              + ": build the project first (mvn -DskipTests package)."));
    } catch (IOException e) {
      throw new InfraException("No build of " + module + " at " + target
          + ": build the project first (mvn -DskipTests package).", e);
    }
  }

  /** Waits until {@code GET /health} answers UP, asked with the JDK's client: the platform runs without Micronaut. */
  void awaitHealthy() {
    URI health = URI.create(url() + "/health");
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      process.awaitReady(READY_TIMEOUT, () -> {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("GET /health answered " + response.statusCode() + " " + response.body());
        }
        return response.body().contains("\"UP\"");
      });
    }
  }

  String url() {
    return "http://" + Ports.LOOPBACK + ":" + port;
  }

  Service service() {
    return service;
  }

  ManagedProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(30));
  }
}
