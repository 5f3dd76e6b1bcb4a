package org.komar.reporting;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who sent a request, for the rate limits only: the address of the connection, unless that is one of the page's own
 * proxies ({@code REPORTING_TRUSTED_PROXIES}: addresses or CIDR blocks, such as the ingress controller's pods), whose
 * {@code X-Forwarded-For} then names the sender: its last entry, the one the proxy added. A header from anyone else
 * is ignored, so no sender can pick its own address.
 */
@Singleton
final class Senders {

  /** The proxies' address blocks, matched by Netty's own CIDR rule. */
  private final List<IpSubnetFilterRule> proxies;

  Senders(@Value("${komar.reporting.trusted-proxies:}") String proxies) {
    this.proxies = new ArrayList<>();
    for (String entry : proxies.split(",")) {
      if (!entry.isBlank()) {
        this.proxies.add(block(entry.strip()));
      }
    }
  }

  InetAddress of(HttpRequest<?> request) {
    InetAddress connection = request.getRemoteAddress().getAddress();
    if (connection == null
        || proxies.stream().noneMatch(block -> block.matches(new InetSocketAddress(connection, 0)))) {
      return connection;
    }
    String forwarded = request.getHeaders().get("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank()) {
      return connection;
    }
    String[] hops = forwarded.split(",");
    return literal(hops[hops.length - 1].strip()).orElse(connection);
  }

  private static IpSubnetFilterRule block(String entry) {
    int slash = entry.indexOf('/');
    InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash))
        .orElseThrow(() -> new IllegalArgumentException("Not an address or CIDR block: " + entry));
    int bits = slash < 0 ? address.getAddress().length * 8 : Integer.parseInt(entry.substring(slash + 1));
    return new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT);
  }

  /**
   * An IP address written as one: an IPv4 dotted quad, or IPv6 (with a colon). Only such literals reach
   * {@code getByName}, which parses them without a lookup; a name is never looked up.
   */
  private static Optional<InetAddress> literal(String text) {
    boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = text.length() <= 45 && text.contains(":") && text.matches("[0-9a-fA-F:.]+");
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
