package org.komar.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The sender is the connection, unless that is one of the page's own proxies, whose header then names it. */
class SendersTest {

  private static HttpRequest<?> from(String connection, String forwardedFor) {
    MutableHttpRequest<?> request = new io.micronaut.http.simple.SimpleHttpRequest<>(io.micronaut.http.HttpMethod.POST,
        "/report", null) {
      @Override
      public InetSocketAddress getRemoteAddress() {
        return new InetSocketAddress(connection, 40_000);
      }
    };
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    return request;
  }

  @Test
  void shouldTrustTheForwardedAddressOnlyFromTheProxiesItWasTold() throws Exception {
    Senders senders = new Senders("10.42.0.0/16, 192.0.2.9");

    assertThat(senders.of(from("10.42.7.3", "198.51.100.1, 203.0.113.5")))
        .as("the hop the proxy added").isEqualTo(InetAddress.getByName("203.0.113.5"));
    assertThat(senders.of(from("192.0.2.9", "2001:db8::1"))).isEqualTo(InetAddress.getByName("2001:db8::1"));
    assertThat(senders.of(from("203.0.113.77", "198.51.100.1")))
        .as("anyone else's header is ignored").isEqualTo(InetAddress.getByName("203.0.113.77"));
    assertThat(senders.of(from("10.42.7.3", "not-an-address"))).isEqualTo(InetAddress.getByName("10.42.7.3"));
    assertThat(new Senders("").of(from("10.42.7.3", "203.0.113.5"))).isEqualTo(InetAddress.getByName("10.42.7.3"));
  }
}
