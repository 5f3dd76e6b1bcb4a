package org.komar.routing;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.komar.infra.test.ServiceHealth;

@MicronautTest
class RoutingApplicationTest extends OnTestStack {

  @Inject
  EmbeddedServer server;

  @Test
  void shouldAnswerHealthUpHavingReachedKafkaAndStartedRouting() throws Exception {
    // Ready only once its streams run: until then its agency API could not answer
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .untilAsserted(() -> ServiceHealth.assertUp(server.getURI(), "kafka", "routingStreams"));
  }

  @Test
  void shouldTellTheOrchestratorItIsAliveByItsStreamsClient() throws Exception {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      java.net.http.HttpResponse<String> liveness = http.send(java.net.http.HttpRequest.newBuilder(
          server.getURI().resolve("/health/liveness")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());

      org.assertj.core.api.Assertions.assertThat(liveness.statusCode()).isEqualTo(200);
      org.assertj.core.api.Assertions.assertThat(liveness.body()).contains("routingStreamsAlive");
    }
  }
}
