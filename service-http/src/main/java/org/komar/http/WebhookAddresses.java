package org.komar.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an agency's webhook may point: an https URL whose host is public. Whoever can change the directory
 * could otherwise make notification post, with its own signature, into the network it runs in: a cloud's
 * metadata service (169.254.169.254), a database, a neighbour's admin port. So private, link-local, loopback,
 * unique-local, shared (100.64/10), multicast and unspecified addresses are refused, whether written as such or
 * reached through a name. On the local platform, and in tests, http to this machine's loopback may be allowed,
 * for stand-in agencies; nothing else is.
 *
 * <p>The directory checks a URL when an administrator sets it, and notification again before every post, since
 * a name can resolve elsewhere later.
 */
public final class WebhookAddresses {

  private WebhookAddresses() {
  }

  /** Why the URL may not be a webhook, or empty when it may. */
  public static Optional<String> refusal(String url, boolean loopbackAllowed) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("it is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      return Optional.of("it names no host");
    }
    if (uri.getUserInfo() != null) {
      return Optional.of("it carries a user name or password");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return Optional.of("its host does not resolve");
    }
    // Every address the name gives must pass: the client may connect to any of them.
    boolean anyLoopback = false;
    boolean allLoopback = true;
    for (InetAddress address : addresses) {
      if (address.isLoopbackAddress()) {
        anyLoopback = true;
        continue;
      }
      allLoopback = false;
      if (!isPublic(address)) {
        return Optional.of("its host is a private, local or reserved address");
      }
    }
    if (anyLoopback && !(loopbackAllowed && allLoopback)) {
      return Optional.of("its host is this machine");
    }
    if (allLoopback) {
      return scheme.equals("https") || scheme.equals("http") ? Optional.empty()
          : Optional.of("it is neither https nor http");
    }
    return scheme.equals("https") ? Optional.empty() : Optional.of("it is not https");
  }

  private static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      return first != 0 // "this network"
          && !(first == 100 && second >= 64 && second < 128) // shared address space (carrier-grade NAT)
          && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
          && !(first == 198 && (second == 18 || second == 19)) // benchmarking
          && first < 240; // reserved, broadcast
    }
    if (address instanceof Inet6Address) {
      boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc; // fc00::/7
      // 6to4 (2002::/16) and NAT64 (64:ff9b::/96) carry an IPv4 address that could be a private one.
      boolean sixToFour = (bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02;
      boolean nat64 = bytes[0] == 0 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
          && (bytes[3] & 0xff) == 0x9b;
      return !uniqueLocal && !sixToFour && !nat64;
    }
    return false;
  }
}
