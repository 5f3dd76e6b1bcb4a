package org.komar.infra.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.komar.infra.InfraException;

/**
 * The local realm's sample accounts signed in by password, through its command-line client ({@link
 * KomarRealm#LOCAL_CLI}), as the README's examples do: for the benchmarks and the tests that sign in through the
 * real Keycloak. Each account's token is kept and asked for again once it is four minutes old (they live five).
 */
public final class PasswordSignIn {

  /** The path of a realm's token endpoint under its issuer, as Keycloak serves it. */
  public static final String TOKEN_PATH = "/protocol/openid-connect/token";
  private static final Duration RENEW_AFTER = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Kept(String accessToken, long renewAt) {
  }

  private final String issuer;
  private final Function<String, String> passwords;
  private final Map<String, Kept> kept = new HashMap<>(); // read and written under accessToken's monitor
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Accounts of the realm at {@code issuer}, each with the password {@code passwords} gives for its username. */
  public PasswordSignIn(String issuer, Function<String, String> passwords) {
    this.issuer = issuer;
    this.passwords = passwords;
  }

  /** The local platform's accounts: their passwords are in its secrets folder ({@link #accountSecret}). */
  public static PasswordSignIn ofSecretsFolder(String issuer, Path secrets) {
    return new PasswordSignIn(issuer, username -> {
      try {
        return Files.readString(secrets.resolve(accountSecret(username))).trim();
      } catch (IOException e) {
        throw new UncheckedIOException("No password for " + username + " in " + secrets, e);
      }
    });
  }

  /** The name of a sample account's password in the local platform's secrets folder. */
  public static String accountSecret(String username) {
    return "account-" + username;
  }

  /**
   * The account's access token, without "Bearer ". One sign-in at a time: load drivers and tests ask from several
   * threads at once, and Keycloak's brute-force protection refuses sign-ins of one account made together (ten at
   * once against the local platform: one token, nine 401 "user_temporarily_disabled"). That stopped the journey's
   * load in one CI run; the benchmark's Keycloak log held 162 such refusals in one 40-minute run.
   */
  public synchronized String accessToken(String username) {
    Kept last = kept.get(username);
    if (last != null && System.nanoTime() < last.renewAt()) {
      return last.accessToken();
    }
    String token = signIn(username);
    kept.put(username, new Kept(token, System.nanoTime() + RENEW_AFTER.toNanos()));
    return token;
  }

  /** The account's {@code Authorization} header value. */
  public String bearer(String username) {
    return "Bearer " + accessToken(username);
  }

  private String signIn(String username) {
    String form = Map.of("grant_type", "password", "client_id", KomarRealm.LOCAL_CLI, "username", username,
            "password", passwords.apply(username), "scope", "openid").entrySet().stream()
        .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    try {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(issuer + TOKEN_PATH))
          .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      String token = answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("access_token").asText() : "";
      if (token.isEmpty()) {
        throw new InfraException("Keycloak at " + issuer + " did not sign " + username + " in: "
            + answer.statusCode());
      }
      return token;
    } catch (IOException e) {
      throw new InfraException("Keycloak at " + issuer + " could not be asked for a token: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfraException("Interrupted while signing in", e);
    }
  }
}
