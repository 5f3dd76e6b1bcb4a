package org.komar.routing.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.komar.infra.test.ServiceJvm;

/**
 * routing-service in a JVM of its own on the shared test stack (killable as a crash would), its Streams state in
 * {@code stateDir}, ready once its streams run.
 */
final class RoutingProcess implements AutoCloseable {

  private final ServiceJvm jvm;
  final URI uri;

  private RoutingProcess(ServiceJvm jvm) {
    this.jvm = jvm;
    this.uri = jvm.uri();
  }

  static RoutingProcess start(String name, String applicationId, Path stateDir) {
    return start(name, applicationId, stateDir, Map.of());
  }

  /** With extra environment, such as {@code ROUTING_RULES_FILE}. */
  static RoutingProcess start(String name, String applicationId, Path stateDir, Map<String, String> extra) {
    Map<String, String> environment = new HashMap<>(Map.of(
        "ROUTING_APPLICATION_ID", applicationId,
        "ROUTING_STATE_DIR", stateDir.toString(),
        "ROUTING_DEADLINE_SCAN", "1s",
        "ROUTING_SESSION_TIMEOUT", "10s"));
    environment.putAll(extra);
    return new RoutingProcess(ServiceJvm.start(name, "org.komar.routing.RoutingApplication", null, environment,
        health -> health.contains("\"routingStreams\"") && health.contains("RUNNING")));
  }

  /**
   * Which instance keeps each of these cases, by count: a request marked as handed on is answered only by the
   * instance that keeps its case.
   */
  static Map<URI, Integer> keptBy(List<RoutingProcess> instances, java.util.Collection<String> caseIds,
      String token) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    Map<URI, Integer> kept = new HashMap<>();
    for (String caseId : caseIds) {
      for (RoutingProcess instance : instances) {
        if (http.send(java.net.http.HttpRequest.newBuilder(instance.uri.resolve("/api/v1/cases/" + caseId))
                .header("Authorization", token).header("Komar-Forwarded", "1").build(),
            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          kept.merge(instance.uri, 1, Integer::sum);
        }
      }
    }
    return kept;
  }

  /** As a crash: no shutdown, no commit. */
  void kill() {
    jvm.kill();
  }

  String logTail() {
    return jvm.logTail();
  }

  @Override
  public void close() {
    jvm.close();
  }
}
