package org.komar.routing.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** Routing that can no longer route is not alive, so that it is restarted; anything else it recovers from itself. */
class StreamsLivenessTest {

  @Test
  void shouldBeDownOnceTheStreamsClientHasFailedForGood() {
    assertThat(StreamsLiveness.of(State.ERROR)).isEqualTo(HealthStatus.DOWN);
    assertThat(StreamsLiveness.of(State.PENDING_ERROR)).isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void shouldStayUpWhileItStartsRebalancesRunsOrStops() {
    for (State state : new State[] {State.CREATED, State.REBALANCING, State.RUNNING, State.PENDING_SHUTDOWN,
        State.NOT_RUNNING}) {
      assertThat(StreamsLiveness.of(state)).as(state.name()).isEqualTo(HealthStatus.UP);
    }
  }
}
