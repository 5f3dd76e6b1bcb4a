package org.komar.http.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.komar.events.Audience;
import org.komar.events.SealedValue;
import org.komar.http.AccessRefusedException;
import org.komar.schemas.sealing.OpeningPurpose;

/**
 * What a service sees of the vault's answers, from a stand-in vault and identity provider: its own client's token
 * on every call, asked for once with its own client id and secret, and each status the vault may answer turned
 * into the same exception as ever.
 */
class VaultClientTest {

  private static final String CASE = "4f7c2a9e-0b1d-4c3e-9a8f-2d6b5e1c7a90";
  private static final SealedValue SEALED = new SealedValue("case-key-1", List.of(Audience.POLICE),
      ByteBuffer.wrap(new byte[] {1, 2, 3}));

  private final HttpServer vault = standInVault();
  private volatile int status = 200;
  private volatile String answer = "";
  private volatile Duration delay = Duration.ZERO;
  private volatile Map<String, String> asked = Map.of();
  private final List<String> tokenRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
  private ApplicationContext context;

  @AfterEach
  void stop() {
    context.close();
    vault.stop(0);
  }

  @Test
  void shouldCallAsItsServiceAndReadTheSealedNote() throws IOException {
    answer = "{\"keyId\":\"case-key-1\",\"audiences\":[\"POLICE\"],\"ciphertext\":\"AQID\"}";

    SealedValue sealed = client("http://127.0.0.1:" + vault.getAddress().getPort()).sealNote(CASE,
        "ReferralProgressed", "a note");

    assertThat(sealed).isEqualTo(SEALED);
    assertThat(asked.get("path")).isEqualTo("/api/v1/vault/seals");
    assertThat(json().readValue(asked.get("body"), Argument.mapOf(String.class, Object.class))).isEqualTo(Map.of(
        "caseId", CASE, "event", "ReferralProgressed", "field", "note", "text", "a note"));
    assertThat(asked.get("authorization")).isEqualTo("Bearer routing-service-token-1");
    assertThat(tokenRequests).containsExactly("Basic " + Base64.getEncoder().encodeToString(
        "routing-service:routing-secret".getBytes(StandardCharsets.UTF_8)) + " grant_type=client_credentials");
  }

  @Test
  void shouldAskTheIdentityProviderOnceForAsLongAsTheTokenLasts() {
    VaultClient client = client("http://127.0.0.1:" + vault.getAddress().getPort());
    answer = "{\"keyId\":\"case-key-1\",\"audiences\":[\"POLICE\"],\"ciphertext\":\"AQID\"}";

    client.sealNote(CASE, "ReferralProgressed", "a note");
    client.sealNote(CASE, "ReferralProgressed", "another note");

    assertThat(tokenRequests).hasSize(1);
  }

  @Test
  void shouldBeUnavailableWhileTheIdentityProviderGivesNoToken() {
    VaultClient client = client("http://127.0.0.1:" + vault.getAddress().getPort(), "a-wrong-secret");

    assertThatThrownBy(() -> client.sealNote(CASE, "ReferralDeclined", "a note"))
        .isInstanceOf(VaultException.class)
        .hasMessageStartingWith("No token for routing-service from the identity provider: ");
    assertThat(asked).as("the vault is not called without a token").isEmpty();
  }

  @Test
  void shouldTurnEachAnswerIntoTheExceptionItsCallersActOn() {
    VaultClient client = client("http://127.0.0.1:" + vault.getAddress().getPort() + "/");

    status = 403;
    assertThatThrownBy(() -> client.openForAgency(CASE, "childIdentity", SEALED, Audience.PSYCHOSOCIAL,
        "Bearer the-counsellors-own-token", OpeningPurpose.ARRANGE_MEETING)).isInstanceOf(AccessRefusedException.class)
        .hasMessage("The vault refuses to open childIdentity for this person as PSYCHOSOCIAL");
    // The person's own token goes with the service's, for the vault to check; nothing in the body names them
    assertThat(asked.get("person")).isEqualTo("Bearer the-counsellors-own-token");
    assertThat(asked.get("authorization")).isEqualTo("Bearer routing-service-token-1");
    assertThat(asked.get("body")).doesNotContain("actorId");
    // A refusal is final, not the vault being away: notification ends the message rather than retry it.
    assertThatThrownBy(() -> client.open(CASE, "reporterContact", SEALED, "REPORTER_UPDATE"))
        .isInstanceOf(AccessRefusedException.class)
        .hasMessage("The vault refuses to open reporterContact for this service");
    status = 410;
    assertThatThrownBy(() -> client.open(CASE, "reporterContact", SEALED, "REPORTER_UPDATE"))
        .isInstanceOf(CaseErasedException.class).hasMessage("This case was erased");
    for (int other : new int[] {302, 404, 500, 503}) {
      status = other;
      assertThatThrownBy(() -> client.sealNote(CASE, "ReferralDeclined", "a note"))
          .isInstanceOf(VaultException.class).hasMessage("The vault answered " + other + " to api/v1/vault/seals");
    }
    status = 200;
    answer = "{\"value\": [";
    assertThatThrownBy(() -> client.open(CASE, "reporterContact", SEALED, "REPORTER_UPDATE"))
        .isInstanceOf(VaultException.class).hasMessage("The vault's answer to api/v1/vault/openings cannot be read");
  }

  @Test
  void shouldBeUnavailableWhenTheVaultCannotBeReachedOrIsTooSlow() {
    VaultClient client = client("http://127.0.0.1:9");

    assertThatThrownBy(() -> client.open(CASE, "reporterContact", SEALED, "REPORTER_UPDATE"))
        .isInstanceOf(VaultException.class).hasMessageStartingWith("The vault cannot be reached: ");
    context.close();
    delay = Duration.ofSeconds(3);
    VaultClient waiting = client("http://127.0.0.1:" + vault.getAddress().getPort());
    assertThatThrownBy(() -> waiting.open(CASE, "reporterContact", SEALED, "REPORTER_UPDATE"))
        .isInstanceOf(VaultException.class).hasMessageStartingWith("The vault cannot be reached: ");
  }

  /** A client as routing-service's, at {@code url}, waiting half a second for an answer. */
  private VaultClient client(String url) {
    return client(url, "routing-secret");
  }

  /** The same, with its client's secret at the stand-in identity provider (which knows "routing-secret"). */
  private VaultClient client(String url, String secret) {
    String provider = "http://127.0.0.1:" + vault.getAddress().getPort() + "/token";
    context = ApplicationContext.run(Map.of("micronaut.application.name", "routing-service",
        "komar.vault.url", url, "micronaut.http.services.vault.url", url,
        "micronaut.http.services.vault.read-timeout", "500ms",
        "micronaut.http.services.vault.follow-redirects", false,
        "micronaut.security.oauth2.clients.komar.client-id", "routing-service",
        "micronaut.security.oauth2.clients.komar.client-secret", secret,
        "micronaut.security.oauth2.clients.komar.token.url", provider,
        "micronaut.security.oauth2.clients.komar.token.auth-method", "client_secret_basic",
        "micronaut.security.oauth2.clients.komar.client-credentials.enabled", true));
    return context.getBean(VaultClient.class);
  }

  private JsonMapper json() {
    return context.getBean(JsonMapper.class);
  }

  private HttpServer standInVault() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/token", exchange -> {
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        tokenRequests.add(authorization + " "
            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        boolean known = authorization.equals("Basic " + Base64.getEncoder().encodeToString(
            "routing-service:routing-secret".getBytes(StandardCharsets.UTF_8)));
        byte[] body = (known
            ? "{\"access_token\":\"routing-service-token-1\",\"token_type\":\"Bearer\",\"expires_in\":300}"
            : "{\"error\":\"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(known ? 200 : 401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.createContext("/", exchange -> {
        asked = Map.of("path", exchange.getRequestURI().getPath(),
            "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
            "person", String.valueOf(exchange.getRequestHeaders().getFirst(VaultApi.PERSON)),
            "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Location", "/elsewhere");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
