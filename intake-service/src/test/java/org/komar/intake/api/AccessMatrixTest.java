package org.komar.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.komar.infra.test.AccessMatrix;
import org.komar.intake.OnTestStack;
import org.komar.intake.SampleIntakes;
import org.komar.intake.Tokens;
import org.komar.schemas.security.Roles;

/** intake-service's rows of the access matrix, every cell against the running service, on a case of hotline-1280. */
@MicronautTest(transactional = false)
class AccessMatrixTest extends OnTestStack {

  @Inject
  EmbeddedServer server;

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  Tokens tokens;

  @Test
  void shouldAnswerEveryCallerOfEveryEndpointAsTheMatrixSays() {
    String reference = (String) client.toBlocking().retrieve(HttpRequest.POST("/api/v1/intakes",
        SampleIntakes.intake("x")).contentType(MediaType.APPLICATION_JSON).header("Authorization",
        tokens.bearer("operator-1", Roles.HOTLINE_OPERATOR)), Argument.mapOf(String.class, Object.class))
        .get("caseReference");

    AccessMatrix.Outcome outcome = AccessMatrix.load().check("intake-service", server.getURI(),
        Map.of("ref", reference), Map.of("intake", SampleIntakes.intake("x")));

    System.out.printf("intake-service: %d cells of the access matrix called%n", outcome.cells());
    assertThat(outcome.cells()).isGreaterThan(250);
    assertThat(outcome.deviations()).isEmpty();
  }
}
