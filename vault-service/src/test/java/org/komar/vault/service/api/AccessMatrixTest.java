package org.komar.vault.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.komar.infra.test.AccessMatrix;
import org.komar.vault.service.OnTestStack;

/** vault-service's rows of the access matrix, every cell against the running service, on a freshly sealed intake. */
@MicronautTest(transactional = false)
class AccessMatrixTest extends OnTestStack {

  @Inject
  EmbeddedServer server;

  @Inject
  @Client("/")
  HttpClient client;

  @Test
  void shouldAnswerEveryCallerOfEveryEndpointAsTheMatrixSays() {
    SealedIntakes.Recorded identity = new SealedIntakes(client).sealNew("childIdentity");
    String agencyOpening = "{\"caseId\": \"" + identity.caseId() + "\", \"field\": \"childIdentity\", \"audience\": "
        + "\"POLICE\", \"purpose\": \"SAFETY_CHECK\", \"sealed\": " + identity.json() + "}";

    AccessMatrix.Outcome outcome = AccessMatrix.load().check("vault-service", server.getURI(), Map.of(),
        Map.of("agency-opening", agencyOpening));

    System.out.printf("vault-service: %d cells of the access matrix called%n", outcome.cells());
    assertThat(outcome.cells()).isGreaterThan(250);
    assertThat(outcome.deviations()).isEmpty();
  }
}
