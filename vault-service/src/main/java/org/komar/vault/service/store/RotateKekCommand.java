package org.komar.vault.service.store;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.komar.vault.KeyVault;
import org.komar.vault.audit.AuditSigningKey;
import org.komar.vault.hsm.Pkcs11KmsClient;

/**
 * {@code ./komar kek rotate}: rotates the key-encryption key while the vault runs. It makes a new version inside the
 * token, waits until every running vault has taken it up as primary (they ask the token every {@code KEK_REFRESH}),
 * rewraps every case key and the audit signing key under it, and then destroys every older version: the token's old
 * keys, and the keyset file of an earlier Komar if one is left. Intakes and openings go on meanwhile: a case key is
 * rewrapped in a transaction of its own, and a vault that read a key just before it was rewrapped reads it again.
 *
 * <p>Environment: as the vault's ({@code KOMAR_KEK_URI}, {@code KOMAR_HSM_PIN}, {@code SOFTHSM2_CONF}, {@code DB_URL},
 * {@code DB_USERNAME}, {@code DB_PASSWORD}, {@code KOMAR_AUDIT_SIGNING_KEY}, {@code KOMAR_KEK_FILE} if any), and
 * {@code KEK_SETTLE}, how long to wait for the running vaults, in seconds (default 12: twice their refresh, and more).
 * Exits 0 when the old versions are destroyed, 2 if it could not rotate (nothing destroyed then).
 */
public final class RotateKekCommand {

  /** What a rotation did. */
  public record Rotation(String newVersion, int rewrapped, List<String> destroyed) {
  }

  private RotateKekCommand() {
  }

  public static void main(String[] args) {
    Map<String, String> environment = System.getenv();
    try (Connection connection = DriverManager.getConnection(required(environment, "DB_URL"),
        environment.get("DB_USERNAME"), environment.get("DB_PASSWORD"))) {
      Duration settle = Duration.ofSeconds(Long.parseLong(environment.getOrDefault("KEK_SETTLE", "12")));
      Rotation rotation = rotate(Keks.open(Keks.Settings.fromEnvironment(environment)), connection,
          Path.of(required(environment, "KOMAR_AUDIT_SIGNING_KEY")), settle, System.out);
      System.out.printf("Rotated: %d case keys and the audit signing key are wrapped under %s; destroyed %s.%n",
          rotation.rewrapped(), rotation.newVersion(), rotation.destroyed());
      System.exit(0);
    } catch (SQLException | RuntimeException e) {
      System.out.println("Could not rotate the key-encryption key: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Rotates the KEK {@code opened}, with the case keys reached over {@code connection}. */
  public static Rotation rotate(Keks.Opened opened, Connection connection, Path signingKey, Duration settle,
      PrintStream out) {
    Pkcs11KmsClient token = opened.token().orElseThrow(() -> new IllegalStateException(
        "Only a key-encryption key in a PKCS#11 token is rotated by this command; a cloud KMS rotates its key itself"
            + " (then run it again to rewrap every case key under the new key material)"));
    List<String> older = opened.kek().keyIds();
    String next = token.nextKekVersion();
    token.generate(next);
    opened.kek().forget(next);
    out.printf("Made %s in the token; waiting %d s for the running vaults to wrap under it.%n", next,
        settle.toSeconds());
    sleep(settle);
    JdbcCaseKeyStore keys = JdbcCaseKeyStore.onConnection(connection);
    KeyVault vault = new KeyVault(keys, opened.kek(), (caseId, event) -> {
      throw new IllegalStateException("A rotation opens and erases nothing");
    }, Clock.systemUTC());
    if (!opened.kek().primaryKeyId().equals(next)) {
      throw new IllegalStateException("The token does not give " + next + " as the primary version");
    }
    int rewrapped = 0;
    for (int pass = 0; pass < 10 && !keys.wrappedUnderOtherThan(next).isEmpty(); pass++) {
      rewrapped += vault.rewrapAll();
    }
    List<String> left = keys.wrappedUnderOtherThan(next);
    if (!left.isEmpty()) {
      throw new IllegalStateException(left.size() + " case keys are still wrapped under an older version; nothing"
          + " destroyed");
    }
    AuditSigningKey.rewrap(signingKey, opened.kek());
    List<String> destroyed = new ArrayList<>();
    for (String version : older) {
      if (token.doesSupport(version)) {
        token.destroy(version);
        opened.kek().forget(version);
        destroyed.add(version);
      }
    }
    destroyEarlierFile(opened, destroyed);
    return new Rotation(next, rewrapped, List.copyOf(destroyed));
  }

  /** The keyset file an earlier Komar kept the KEK in, now that nothing is wrapped under it: deleted. */
  private static void destroyEarlierFile(Keks.Opened opened, List<String> destroyed) {
    if (opened.earlierFile().isPresent()) {
      Path file = opened.earlierFile().get();
      try {
        if (Files.deleteIfExists(file)) {
          destroyed.add(file.toString());
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException("Every key is rewrapped, but the earlier keyset file " + file
            + " could not be deleted: delete it by hand", e);
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted before any version was destroyed", e);
    }
  }

  private static String required(Map<String, String> environment, String variable) {
    String value = environment.get(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Set " + variable);
    }
    return value;
  }
}
