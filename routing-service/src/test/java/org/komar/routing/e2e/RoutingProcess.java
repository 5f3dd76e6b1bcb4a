package org.komar.routing.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.komar.infra.ManagedProcess;
import org.komar.infra.Ports;
import org.komar.infra.test.TestStack;

/**
 * routing-service in a JVM of its own, on the shared test stack, so that a test can kill it as a crash would
 * (SIGKILL, no shutdown hook, open transactions left behind) and start it again on the same state folder.
 */
final class RoutingProcess implements AutoCloseable {

  private final ManagedProcess process;
  final URI uri;

  private RoutingProcess(ManagedProcess process, URI uri) {
    this.process = process;
    this.uri = uri;
  }

  static RoutingProcess start(String name, String applicationId, Path stateDir) {
    return start(name, applicationId, stateDir, Map.of());
  }

  /** With extra environment, such as {@code ROUTING_RULES_FILE}. */
  static RoutingProcess start(String name, String applicationId, Path stateDir, Map<String, String> extra) {
    int port = Ports.free();
    Map<String, String> stack = TestStack.shared().serviceProperties(null);
    Map<String, String> environment = new java.util.HashMap<>(extra);
    environment.putAll(Map.of(
        "HTTP_PORT", Integer.toString(port),
        "KAFKA_BOOTSTRAP_SERVERS", stack.get("kafka.bootstrap.servers"),
        "SCHEMA_REGISTRY_URL", stack.get("komar.schema-registry.url"),
        "JWT_SECRET", stack.get("micronaut.security.token.jwt.signatures.secret.generator.secret"),
        "ROUTING_APPLICATION_ID", applicationId,
        "ROUTING_STATE_DIR", stateDir.toString(),
        "ROUTING_DEADLINE_SCAN", "1s",
        "ROUTING_SESSION_TIMEOUT", "10s",
        "HEALTH_DETAILS_VISIBLE", "ANONYMOUS"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ManagedProcess process = ManagedProcess.start(name, List.of(java.toString(), "-Xmx256m",
            "-cp", System.getProperty("java.class.path"), "org.komar.routing.RoutingApplication"),
        environment, Path.of("").toAbsolutePath(), Path.of("target", "test-stack", name + ".log").toAbsolutePath());
    URI uri = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newHttpClient();
    process.awaitReady(Duration.ofSeconds(90), () -> {
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri.resolve("/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        return health.statusCode() == 200 && health.body().contains("\"routingStreams\"")
            && health.body().contains("RUNNING");
      } catch (java.io.IOException e) {
        return false;
      }
    });
    return new RoutingProcess(process, uri);
  }

  /** As a crash: no shutdown, no commit. */
  void kill() {
    process.kill();
  }

  String logTail() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(30));
  }
}
