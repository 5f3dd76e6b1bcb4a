package org.komar.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A webhook goes to a public https address; never into the network notification runs in. */
class WebhookAddressesTest {

  @ParameterizedTest
  @ValueSource(strings = {"https://93.184.216.34/komar", "https://[2606:2800:220:1:248:1893:25c8:1946]/hook"})
  void shouldAcceptHttpsToAPublicAddress(String url) {
    assertThat(WebhookAddresses.refusal(url, false)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://93.184.216.34/komar", // not https
      "ftp://93.184.216.34/komar",
      "https://169.254.169.254/latest/meta-data/", // a cloud's metadata service
      "https://10.0.0.5/hook", "https://172.16.3.4/hook", "https://192.168.1.1/hook", // private
      "https://100.64.0.1/hook", // shared address space
      "https://0.0.0.0/hook", "https://[::]/hook", "https://[fd00::1]/hook", "https://[fe80::1]/hook",
      "https://[::ffff:10.0.0.5]/hook", // a private IPv4 address written as IPv6
      "https://[64:ff9b::a00:5]/hook", "https://[2002:a00:5::1]/hook", // NAT64 and 6to4 wrapping 10.0.0.5
      "https://127.0.0.1/hook", "http://localhost:8080/hook", // this machine, not allowed here
      "https://user:secret@93.184.216.34/hook",
      "https:///nohost", "not a url at all",
      "https://no-such-host.invalid/hook"})
  void shouldRefuseAnythingElse(String url) {
    assertThat(WebhookAddresses.refusal(url, false)).as(url).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:41234/agency", "http://localhost:41234/agency"})
  void shouldAcceptThisMachineOnlyWhereLoopbackIsAllowed(String url) {
    assertThat(WebhookAddresses.refusal(url, true)).isEmpty();
    assertThat(WebhookAddresses.refusal(url, false)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://169.254.169.254/", "http://10.0.0.5/"})
  void shouldRefusePrivateAddressesEvenWhereLoopbackIsAllowed(String url) {
    assertThat(WebhookAddresses.refusal(url, true)).isPresent();
  }
}
