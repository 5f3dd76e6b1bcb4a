package org.komar.routing.runtime;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether routing can answer, for readiness ({@code /health}, {@code /health/readiness}): UP only while its streams
 * run. Starting, restoring or rebalancing, its agency API answers 503, so the instance is not ready: the launcher
 * waits for it and an orchestrator sends it no traffic. Liveness is {@link StreamsLiveness}'s, which stays UP
 * through all of that.
 */
@Singleton
final class StreamsHealth extends AbstractHealthIndicator<Map<String, Object>> {

  private final RoutingStreams routing;

  StreamsHealth(RoutingStreams routing) {
    this.routing = routing;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    KafkaStreams.State state = routing.streams().map(KafkaStreams::state).orElse(KafkaStreams.State.CREATED);
    healthStatus = of(state);
    return Map.of("state", state.name());
  }

  static HealthStatus of(KafkaStreams.State state) {
    return state == KafkaStreams.State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN;
  }

  @Override
  protected String getName() {
    return "routingStreams";
  }
}
