package org.komar.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.komar.intake.OnTestStack;

/**
 * The development token endpoint exists only in the {@code dev} environment, and then only while the service
 * listens on this machine's loopback alone; it mints people's roles, never a service's.
 */
@MicronautTest(environments = "dev", transactional = false)
class DevTokensTest extends OnTestStack {

  @Inject
  @Client("/")
  HttpClient client;

  @Test
  void shouldMintAPersonsTokenForACallerOnThisMachineButNeverAServices() {
    Map<String, Object> minted = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/dev/tokens",
        "{\"subject\": \"operator-1\", \"roles\": [\"HOTLINE_OPERATOR\"]}"), Argument.mapOf(String.class, Object.class));

    String[] token = minted.get("accessToken").toString().split("\\.");
    assertThat(token).hasSize(3);
    // It expires: the services refuse a token that never does.
    assertThat(new String(java.util.Base64.getUrlDecoder().decode(token[1]), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"exp\":");
    assertThat(status(HttpRequest.POST("/api/v1/dev/tokens",
        "{\"subject\": \"routing\", \"roles\": [\"ROUTING_SERVICE\"]}"))).isEqualTo(400);
  }

  @Test
  void shouldNotExistWhileTheServiceListensBeyondLoopback() {
    // The endpoint's condition on micronaut.server.host (HTTP_HOST). This test's own server cannot try it:
    // tests listen on loopback only.
    assertThat("127.0.0.1").matches(DevTokenController.LOOPBACK);
    assertThat("localhost").matches(DevTokenController.LOOPBACK);
    assertThat("0.0.0.0").doesNotMatch(DevTokenController.LOOPBACK);
    assertThat("10.0.0.5").doesNotMatch(DevTokenController.LOOPBACK);
    assertThat("127.0.0.1.example.org").doesNotMatch(DevTokenController.LOOPBACK);
  }

  private int status(HttpRequest<?> request) {
    try {
      return client.toBlocking().exchange(request).code();
    } catch (HttpClientResponseException e) {
      return e.getStatus().getCode();
    }
  }
}
