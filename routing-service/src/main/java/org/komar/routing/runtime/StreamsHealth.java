package org.komar.routing.runtime;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** The routing streams are healthy while they run or rebalance; stopped or failed, the service is DOWN. */
@Singleton
final class StreamsHealth extends AbstractHealthIndicator<Map<String, Object>> {

  private final RoutingStreams routing;

  StreamsHealth(RoutingStreams routing) {
    this.routing = routing;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    KafkaStreams.State state = routing.streams().map(KafkaStreams::state).orElse(KafkaStreams.State.CREATED);
    healthStatus = switch (state) {
      case RUNNING, REBALANCING -> HealthStatus.UP;
      case CREATED -> HealthStatus.UNKNOWN;
      default -> HealthStatus.DOWN;
    };
    return Map.of("state", state.name());
  }

  @Override
  protected String getName() {
    return "routingStreams";
  }
}
