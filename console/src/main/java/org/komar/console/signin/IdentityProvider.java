package org.komar.console.signin;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console's own calls to Keycloak beside the sign-in itself (which micronaut-security-oauth2 makes): renewing a
 * person's access token with their refresh token, and ending their session at the provider when they sign out.
 * Both as the console's confidential client; both block, so they are made off the event loop.
 */
@Singleton
final class IdentityProvider {

  /** A renewed access token, and the refresh token that replaces the one used. */
  record Renewed(String accessToken, String refreshToken) {
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final JsonMapper json;
  private final URI tokenEndpoint;
  private final URI logoutEndpoint;
  private final String clientAuthorization;

  IdentityProvider(JsonMapper json, @Value("${komar.identity.issuer}") String issuer,
      @Value("${micronaut.security.oauth2.clients.keycloak.client-id}") String clientId,
      @Value("${micronaut.security.oauth2.clients.keycloak.client-secret}") String clientSecret) {
    this.json = json;
    this.tokenEndpoint = URI.create(issuer + "/protocol/openid-connect/token");
    this.logoutEndpoint = URI.create(issuer + "/protocol/openid-connect/logout");
    this.clientAuthorization = "Basic " + Base64.getEncoder().encodeToString((form(clientId) + ":"
        + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
  }

  /** New tokens for the session; empty if the provider ended it (signed out elsewhere, idle, or too long). */
  Optional<Renewed> renew(String refreshToken) throws IOException, InterruptedException {
    HttpResponse<String> answer = post(tokenEndpoint, Map.of("grant_type", "refresh_token",
        "refresh_token", refreshToken));
    if (answer.statusCode() == 400 || answer.statusCode() == 401) {
      return Optional.empty();
    }
    if (answer.statusCode() != 200) {
      throw new IOException("The identity provider answered " + answer.statusCode() + " to a renewal");
    }
    Map<String, Object> tokens = json.readValue(answer.body(), Argument.mapOf(String.class, Object.class));
    Object access = tokens.get("access_token");
    Object refresh = tokens.get("refresh_token");
    if (!(access instanceof String accessToken)) {
      throw new IOException("The identity provider's renewal holds no access token");
    }
    return Optional.of(new Renewed(accessToken, refresh instanceof String next ? next : refreshToken));
  }

  /** Ends the person's session at the provider (back-channel logout with their refresh token). */
  void endSession(String refreshToken) throws IOException, InterruptedException {
    int status = post(logoutEndpoint, Map.of("refresh_token", refreshToken)).statusCode();
    // 400: the provider's session had ended already (expired, or ended elsewhere).
    if (status != 204 && status != 200 && status != 400) {
      throw new IOException("The identity provider answered " + status + " to a sign-out");
    }
  }

  private HttpResponse<String> post(URI endpoint, Map<String, String> fields)
      throws IOException, InterruptedException {
    String body = fields.entrySet().stream().map(field -> field.getKey() + "=" + form(field.getValue()))
        .collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", clientAuthorization)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
