package org.komar.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.komar.infra.test.AccessMatrix;
import org.komar.infra.test.ServiceHealth;
import org.komar.infra.test.TestStack;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationApplicationTest implements TestPropertyProvider {

  @Inject
  EmbeddedServer server;

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
    // No API of its own: health for everyone; metrics and management for no token the console's people or the
    // other services hold, since none names notification-service as its audience.
    AccessMatrix.Outcome outcome = AccessMatrix.load().check("notification-service", server.getURI(), Map.of(),
        Map.of());

    System.out.printf("notification-service: %d cells of the access matrix called%n", outcome.cells());
    assertThat(outcome.cells()).isGreaterThan(50);
    assertThat(outcome.deviations()).isEmpty();
  }
}
