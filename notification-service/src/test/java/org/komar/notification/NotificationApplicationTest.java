package org.komar.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.komar.infra.test.AccessMatrix;
import org.komar.infra.test.ForgedTokens;
import org.komar.schemas.security.Roles;
import org.komar.infra.test.ServiceHealth;
import org.komar.infra.test.TestStack;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationApplicationTest implements TestPropertyProvider {

  @Inject
  EmbeddedServer server;

  @Inject
  ApplicationContext context;

  @Override
  public Map<String, String> getProperties() {
    return TestStack.shared().serviceProperties("notification", "notification-service");
  }

  @Test
  void shouldAnswerHealthUpHavingReachedKafkaAndItsDatabase() throws Exception {
    ServiceHealth.assertUp(server.getURI(), "kafka", "jdbc");
  }

  @Test
  void shouldAnswerEveryCallerAsTheAccessMatrixSays() {
    // No API of its own: health for everyone; metrics for auditors and supervisors, whose tokens name
    // notification-service among their audiences; management for nobody; the other services' tokens, which name only
    // the vault, for nothing.
    AccessMatrix.Outcome outcome = AccessMatrix.load().check("notification-service", server.getURI(), Map.of(),
        Map.of());

    System.out.printf("notification-service: %d cells of the access matrix called%n", outcome.cells());
    assertThat(outcome.cells()).isGreaterThan(50);
    assertThat(outcome.deviations()).isEmpty();
  }

  @Test
  void shouldTakeATokenAddressedToItAndNoneWrongInAnyWay() throws Exception {
    // A token addressed to it alone is taken, and every defective one refused
    ForgedTokens auditor = new ForgedTokens(TestStack.shared().issuer(), "auditor-1", List.of(Roles.AUDITOR),
        Map.of(), List.of("notification-service"));
    assertThat(metricsAs(auditor.valid())).isEqualTo(200);
    for (Map.Entry<String, String> forged : auditor.forged().entrySet()) {
      assertThat(metricsAs(forged.getValue())).as(forged.getKey()).isEqualTo(401);
    }
    // ...and that no key here signs one: micronaut-security-jwt's generator can only make unsigned tokens, refused
    assertThat(context.getBeansOfType(SignatureConfiguration.class)).isEmpty();
    for (TokenGenerator generator : context.getBeansOfType(TokenGenerator.class)) {
      generator.generateToken(io.micronaut.security.authentication.Authentication.build("auditor-1",
          List.of(Roles.AUDITOR), Map.of("aud", "notification-service", "iss",
              TestStack.shared().issuer().issuer())), 600)
          .ifPresent(minted -> assertThat(metricsAs("Bearer " + minted)).as("minted here").isEqualTo(401));
    }
  }

  private int metricsAs(String bearer) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getURI().resolve("/prometheus"))
          .header("Authorization", bearer).header("Accept", "*/*").build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
