package org.komar.routing.runtime;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * Whether routing can still route, for {@code /health/liveness}: DOWN once its Streams client has failed for good
 * ({@code PENDING_ERROR}, {@code ERROR}: the global thread that keeps the agency directory died, and Streams
 * cannot replace it), so that the orchestrator restarts the service instead of leaving it up and routing nothing.
 * A stream thread that dies is replaced in the process ({@link RoutingStreams}) and never counts here; starting,
 * rebalancing and stopping are alive.
 */
@Singleton
@Liveness
final class StreamsLiveness implements HealthIndicator {

  private final RoutingStreams routing;

  StreamsLiveness(RoutingStreams routing) {
    this.routing = routing;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    KafkaStreams.State now = routing.streams().map(KafkaStreams::state).orElse(KafkaStreams.State.CREATED);
    return Publishers.just(HealthResult.builder("routingStreamsAlive", of(now))
        .details(Map.of("state", now.name())).build());
  }

  /** DOWN for a client that has failed for good, UP for any state it leaves by itself. */
  static HealthStatus of(KafkaStreams.State state) {
    return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR ? HealthStatus.DOWN
        : HealthStatus.UP;
  }
}
