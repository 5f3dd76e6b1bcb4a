package org.komar.routing;

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
class RoutingApplicationTest implements TestPropertyProvider {

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new java.util.HashMap<>(TestStack.shared().serviceProperties(null));
    String run = java.util.UUID.randomUUID().toString();
    properties.put("komar.routing.application-id", "komar-routing-" + run);
    properties.put("komar.routing.state-dir", java.nio.file.Path.of("target", "test-stack", run).toAbsolutePath()
        .toString());
    return properties;
  }

  @Test
  void shouldAnswerHealthUpHavingReachedKafka() throws Exception {
    ServiceHealth.assertUp(server.getURI(), "kafka", "routingStreams");
  }
}
