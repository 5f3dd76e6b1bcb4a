package org.komar.notification;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
}
