package org.komar.routing.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** Routing is ready only while its streams run: starting, restoring or rebalancing, it cannot answer. */
class StreamsHealthTest {

  @Test
  void shouldBeReadyOnlyWhileRunning() {
    assertThat(StreamsHealth.of(State.RUNNING)).isEqualTo(HealthStatus.UP);
    for (State state : new State[] {State.CREATED, State.REBALANCING, State.PENDING_SHUTDOWN, State.NOT_RUNNING,
        State.PENDING_ERROR, State.ERROR}) {
      assertThat(StreamsHealth.of(state)).as(state.name()).isEqualTo(HealthStatus.DOWN);
    }
  }
}
