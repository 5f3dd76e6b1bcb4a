package org.komar.routing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.komar.infra.test.AccessMatrix;
import org.komar.infra.test.BearerTokens;
import org.komar.infra.test.TestStack;
import org.komar.routing.Intakes;
import org.komar.routing.OnTestStack;
import org.komar.routing.e2e.StackEvents;
import org.komar.schemas.Topics;
import org.komar.schemas.security.Roles;

/**
 * routing-service's rows of the access matrix, every cell against the running service, on a case routed to the
 * Siem Reap police and counselling units.
 */
@MicronautTest
class AccessMatrixTest extends OnTestStack {

  private static final String POLICE_UNIT = "police-siem-reap-juvenile";

  @Inject
  EmbeddedServer server;

  @Inject
  io.micronaut.context.ApplicationContext context;

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  org.komar.routing.runtime.RoutingStreams routing;

  @Inject
  org.komar.routing.runtime.CaseStores stores;

  @Test
  void shouldAnswerEveryCallerOfEveryEndpointAsTheMatrixSays() throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(() -> routing.streams()
        .map(streams -> streams.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING).orElse(false));
    StackEvents events = new StackEvents(TestStack.shared());
    events.seedDirectory();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> stores.unit(POLICE_UNIT).isPresent());
    String caseId = "matrix-" + UUID.randomUUID();
    events.send(Topics.CASE_INTAKES, Map.of(caseId, Intakes.girlInSiemReap().setCaseId(caseId)
        .setEventId(caseId + "/intake").setConsents(Intakes.allConsents()).build()));
    String officer = BearerTokens.agency("officer-1", Roles.POLICE_OFFICER, POLICE_UNIT);
    String referralId = await().atMost(Duration.ofSeconds(60)).until(() -> client.toBlocking()
        .retrieve(HttpRequest.GET("/api/v1/inbox").header("Authorization", officer),
            Argument.listOf(Argument.mapOf(String.class, Object.class))).stream()
        .filter(item -> caseId.equals(item.get("caseId"))).map(item -> (String) item.get("referralId"))
        .findFirst().orElse(null), referral -> referral != null);

    AccessMatrix.Outcome outcome = AccessMatrix.load().check("routing-service", server.getURI(),
        Map.of("caseId", caseId, "referralId", referralId), Map.of());

    System.out.printf("routing-service: %d cells of the access matrix called%n", outcome.cells());
    assertThat(outcome.cells()).isGreaterThan(300);
    assertThat(outcome.deviations()).isEmpty();
  }

  @Test
  void shouldHoldNoKeyThatSignsATokenItWouldTake() throws Exception {
    // No local key of any kind: Keycloak's JWKS is the only way a token is checked here
    assertThat(context.getBeansOfType(io.micronaut.security.token.jwt.signature.SignatureConfiguration.class))
        .isEmpty();
    // micronaut-security-jwt always has a generator; without a key it can only make unsigned tokens, refused here
    for (var generator : context.getBeansOfType(io.micronaut.security.token.generator.TokenGenerator.class)) {
      var minted = generator.generateToken(io.micronaut.security.authentication.Authentication.build("officer-1",
          java.util.List.of(Roles.POLICE_OFFICER), Map.of("unit", POLICE_UNIT, "aud", "routing-service",
              "iss", TestStack.shared().issuer().issuer())), 600);
      if (minted.isPresent()) {
        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(
            io.micronaut.http.client.exceptions.HttpClientResponseException.class,
            () -> client.toBlocking().exchange(HttpRequest.GET("/api/v1/inbox")
                .header("Authorization", "Bearer " + minted.get())));
        assertThat(refused.code()).as("a token this service minted itself").isEqualTo(401);
      }
    }
  }
}
