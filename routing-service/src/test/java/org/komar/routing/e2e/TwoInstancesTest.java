package org.komar.routing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.komar.events.IntakeReceived;
import org.komar.infra.test.BearerTokens;
import org.komar.infra.test.TestStack;
import org.komar.routing.Intakes;
import org.komar.schemas.Topics;
import org.komar.schemas.security.Roles;

/**
 * Two routing instances share the cases' partitions; each answers for every case, handing a request to the
 * instance that keeps it, and each gathers a unit's whole inbox from both.
 */
class TwoInstancesTest {

  private static final int CASES = 12;
  private static final String UNIT = "police-siem-reap-juvenile";

  private final HttpClient http = HttpClient.newHttpClient();
  private final String run = "two-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  @Test
  void shouldAnswerForEveryCaseFromEitherInstance() throws Exception {
    StackEvents events = new StackEvents(TestStack.shared());
    events.seedDirectory();
    String applicationId = "komar-routing-" + run;
    Path base = Files.createDirectories(Path.of("target", "test-stack", run)).toAbsolutePath();
    // Both at once, so that they join the group together, neither yet holding state: the first assignment shares
    // the partitions. One that joined after the other had restored state would get warm-up tasks only, and its
    // share minutes later, at Streams' next probing rebalance.
    var startingB = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> RoutingProcess.start(run + "b", applicationId, base.resolve("b")));
    try (RoutingProcess a = startedOrStop(() -> RoutingProcess.start(run + "a", applicationId, base.resolve("a")),
        startingB); RoutingProcess b = startingB.join()) {
      Map<String, IntakeReceived> intakes = new LinkedHashMap<>();
      for (int i = 0; i < CASES; i++) {
        intakes.put(run + i, Intakes.girlInSiemReap().setCaseId(run + i).setEventId(run + i + "/intake")
            .setConsents(Intakes.allConsents()).build());
      }
      events.send(Topics.CASE_INTAKES, intakes);
      String officer = BearerTokens.agency("officer-1", Roles.POLICE_OFFICER, UNIT);

      // Each instance's inbox holds every case of this run, whichever instance keeps it
      for (RoutingProcess instance : List.of(a, b)) {
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
          HttpResponse<String> inbox = get(instance.uri.resolve("/api/v1/inbox"), officer);
          assertThat(inbox.statusCode()).isEqualTo(200);
          assertThat(intakes.keySet()).allMatch(caseId -> inbox.body().contains("\"caseId\":\"" + caseId + "\""));
        });
      }
      // Partitions move to the second instance in a follow-up rebalance, which may end after it reports RUNNING
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        Map<URI, Integer> kept = RoutingProcess.keptBy(List.of(a, b), intakes.keySet(), officer);
        assertThat(kept.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CASES);
        assertThat(kept).as("cases kept by each instance").containsKeys(a.uri, b.uri);
      });
      // And either instance answers for any case, with the same view
      for (String caseId : intakes.keySet()) {
        HttpResponse<String> fromA = get(a.uri.resolve("/api/v1/cases/" + caseId), officer);
        HttpResponse<String> fromB = get(b.uri.resolve("/api/v1/cases/" + caseId), officer);
        assertThat(fromA.statusCode()).as(caseId).isEqualTo(200);
        assertThat(fromB.body()).isEqualTo(fromA.body());
        assertThat(get(b.uri.resolve("/api/v1/cases/" + caseId),
            BearerTokens.agency("officer-9", Roles.POLICE_OFFICER, "police-battambang-juvenile")).statusCode())
            .isEqualTo(403);
      }
    }
  }

  private HttpResponse<String> get(URI uri, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).header("Authorization", token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code start}'s instance; if it fails, the other, once started, is stopped before the failure is thrown. */
  private static RoutingProcess startedOrStop(java.util.function.Supplier<RoutingProcess> start,
      java.util.concurrent.CompletableFuture<RoutingProcess> other) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      other.thenAccept(RoutingProcess::close);
      throw e;
    }
  }
}
