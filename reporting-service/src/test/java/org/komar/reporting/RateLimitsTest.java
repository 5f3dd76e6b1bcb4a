package org.komar.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each sender gets so many reports and checks per window, and everyone together so many reports a minute. */
class RateLimitsTest {

  private final TestClock clock = new TestClock();

  @Test
  void shouldLimitEachSenderInItsWindow() {
    RateLimits limits = new RateLimits(clock, 3, Duration.ofHours(1), 2, Duration.ofMinutes(15), 100, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(limits.allow(RateLimits.Kind.REPORT, address("203.0.113.7"))).isTrue();
    }
    assertThat(limits.allow(RateLimits.Kind.REPORT, address("203.0.113.7"))).isFalse();
    assertThat(limits.allow(RateLimits.Kind.REPORT, address("203.0.113.8"))).as("another sender").isTrue();
    assertThat(limits.allow(RateLimits.Kind.STATUS_CHECK, address("203.0.113.7"))).as("its own limit").isTrue();
    assertThat(limits.allow(RateLimits.Kind.STATUS_CHECK, address("203.0.113.7"))).isTrue();
    assertThat(limits.allow(RateLimits.Kind.STATUS_CHECK, address("203.0.113.7"))).isFalse();
    clock.advance(Duration.ofMinutes(61));
    assertThat(limits.allow(RateLimits.Kind.REPORT, address("203.0.113.7"))).as("a new window").isTrue();
    assertThat(limits.allow(RateLimits.Kind.STATUS_CHECK, address("203.0.113.7"))).isTrue();
  }

  @Test
  void shouldCountAnIpv6SubscribersWholeBlockAsOneSender() {
    RateLimits limits = new RateLimits(clock, 2, Duration.ofHours(1), 2, Duration.ofMinutes(15), 100, 100);
    assertThat(limits.allow(RateLimits.Kind.REPORT, address("2001:db8:1:2::1"))).isTrue();
    assertThat(limits.allow(RateLimits.Kind.REPORT, address("2001:db8:1:2:ffff::7"))).isTrue();
    assertThat(limits.allow(RateLimits.Kind.REPORT, address("2001:db8:1:2:abcd::9"))).as("the same /64").isFalse();
    assertThat(limits.allow(RateLimits.Kind.REPORT, address("2001:db8:1:3::1"))).as("another /64").isTrue();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void shouldLimitEveryoneTogetherSoThatManyAddressesCannotFloodTheHotline() {
    RateLimits limits = new RateLimits(clock, 3, Duration.ofHours(1), 2, Duration.ofMinutes(15), 5, 100);
    for (int i = 0; i < 5; i++) {
      assertThat(limits.allow(RateLimits.Kind.REPORT, address("198.51.100." + i))).isTrue();
    }
    assertThat(limits.allow(RateLimits.Kind.REPORT, address("198.51.100.99"))).isFalse();
    clock.advance(Duration.ofSeconds(61));
    assertThat(limits.allow(RateLimits.Kind.REPORT, address("198.51.100.99"))).isTrue();
  }
}
