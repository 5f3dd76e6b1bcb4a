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
    ServiceHealth.assertUp(server.getURI(), "kafka", "routingStreams");
  }
}
