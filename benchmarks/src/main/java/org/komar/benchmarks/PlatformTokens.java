package org.komar.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A local platform's sample accounts signed in through its Keycloak, as the README's examples do: the password
 * grant of the local realm's command-line client, with the password the platform generated into its secrets
 * folder. Tokens live five minutes, so each is asked for again a minute before it expires.
 */
public final class PlatformTokens {

  private static final Pattern TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
  private static final Duration RENEW_AFTER = Duration.ofMinutes(4);

  private final String issuer;
  private final Path secrets;
  private final HttpClient http = HttpClient.newHttpClient();

  public PlatformTokens(String issuer, Path dataDir) {
    this.issuer = issuer;
    this.secrets = dataDir.resolve("secrets");
  }

  /** The platform {@code ./komar run} starts: {@code KOMAR_DATA_DIR} and {@code KOMAR_KEYCLOAK_PORT} or defaults. */
  public static PlatformTokens ofLocalPlatform() {
    String port = Optional.ofNullable(System.getenv("KOMAR_KEYCLOAK_PORT")).orElse("18180");
    Path data = Path.of(Optional.ofNullable(System.getenv("KOMAR_DATA_DIR")).orElse(".komar-data"));
    return new PlatformTokens("http://127.0.0.1:" + port + "/realms/komar", data);
  }

  /** A sample account's access token (without "Bearer "), renewed while the supplier is used. */
  public Supplier<String> of(String username) {
    return new Supplier<>() {
      private String token;
      private long renewAt;

      @Override
      public synchronized String get() {
        if (token == null || System.nanoTime() > renewAt) {
          token = signIn(username);
          renewAt = System.nanoTime() + RENEW_AFTER.toNanos();
        }
        return token;
      }
    };
  }

  private String signIn(String username) {
    try {
      String password = Files.readString(secrets.resolve("account-" + username)).trim();
      String form = Map.of("grant_type", "password", "client_id", "komar-local-cli", "username", username,
              "password", password).entrySet().stream()
          .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create(issuer + "/protocol/openid-connect/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      Matcher token = TOKEN.matcher(response.body());
      if (response.statusCode() != 200 || !token.find()) {
        throw new IllegalStateException("Keycloak at " + issuer + " did not sign " + username + " in (is the "
            + "platform up?): " + response.statusCode());
      }
      return token.group(1);
    } catch (IOException e) {
      throw new IllegalStateException("Could not sign " + username + " in at " + issuer + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while signing in", e);
    }
  }
}
