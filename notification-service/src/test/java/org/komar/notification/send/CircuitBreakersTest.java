package org.komar.notification.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A lane opens after failures in a row, lets one trial through when its time is up, and affects no other lane. */
class CircuitBreakersTest {

  private Instant now = Instant.parse("2026-11-29T08:00:00Z");
  private final CircuitBreakers breakers = new CircuitBreakers(3, Duration.ofSeconds(30), new Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  });

  @Test
  void shouldOpenAfterThreeFailuresTryOnceAfterThirtySecondsAndCloseOnSuccess() {
    breakers.failed("dead");
    breakers.failed("dead");
    assertThat(breakers.admit("dead", 4)).isEqualTo(4);
    breakers.failed("dead");

    assertThat(breakers.openUntil("dead")).contains(now.plusSeconds(30));
    assertThat(breakers.admit("dead", 4)).isZero();
    assertThat(breakers.admit("other", 4)).as("another lane").isEqualTo(4);

    now = now.plusSeconds(31);
    assertThat(breakers.openUntil("dead")).isEmpty();
    assertThat(breakers.admit("dead", 4)).as("one trial").isEqualTo(1);
    assertThat(breakers.admit("dead", 4)).as("while the trial runs").isZero();
    breakers.failed("dead");
    assertThat(breakers.openUntil("dead")).as("the trial failed").contains(now.plusSeconds(30));

    now = now.plusSeconds(31);
    assertThat(breakers.admit("dead", 4)).isEqualTo(1);
    breakers.succeeded("dead");
    assertThat(breakers.admit("dead", 4)).isEqualTo(4);
  }

  @Test
  void shouldWaitLongerAfterEachFailureWithJitterButNeverBeyondTheCap() {
    Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10));
    assertThat(backoff.after(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(backoff.after(4)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
    assertThat(backoff.after(30)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(10));
  }
}
