package org.komar.benchmarks;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.komar.infra.identity.PasswordSignIn;

/**
 * A local platform's sample accounts signed in through its Keycloak, as the README's examples do
 * ({@link PasswordSignIn}, which renews each token before it expires): a load driver asks for a token per request.
 */
public final class PlatformTokens {

  private final PasswordSignIn signIn;

  public PlatformTokens(String issuer, Path dataDir) {
    this.signIn = PasswordSignIn.ofSecretsFolder(issuer, dataDir.resolve("secrets"));
  }

  /** The platform {@code ./komar run} starts: {@code KOMAR_DATA_DIR} and {@code KOMAR_KEYCLOAK_PORT} or defaults. */
  public static PlatformTokens ofLocalPlatform() {
    String port = Optional.ofNullable(System.getenv("KOMAR_KEYCLOAK_PORT")).orElse("18180");
    Path data = Path.of(Optional.ofNullable(System.getenv("KOMAR_DATA_DIR")).orElse(".komar-data"));
    return new PlatformTokens("http://127.0.0.1:" + port + "/realms/komar", data);
  }

  /** A sample account's access token (without "Bearer "), as current as the supplier is asked. */
  public Supplier<String> of(String username) {
    return () -> signIn.accessToken(username);
  }
}
