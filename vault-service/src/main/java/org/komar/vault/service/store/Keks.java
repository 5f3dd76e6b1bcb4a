package org.komar.vault.service.store;

import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.komar.vault.KeyEncryptionKey;
import org.komar.vault.KmsKek;
import org.komar.vault.LocalFileKek;
import org.komar.vault.SealingException;
import org.komar.vault.hsm.Pkcs11KmsClient;
import org.komar.vault.hsm.Pkcs11Token;

/**
 * Where the vault's key-encryption key lives, from its settings, the same for the service and its commands
 * ({@code RotateKekCommand}): {@code KOMAR_KEK_URI} {@code pkcs11:} for a PKCS#11 token (the library
 * {@code KOMAR_PKCS11_LIBRARY}, slot {@code KOMAR_PKCS11_SLOT_INDEX}, user PIN {@code KOMAR_HSM_PIN}), or a cloud KMS
 * key's URI ({@code aws-kms://...}, {@code gcp-kms://...}) whose Tink integration is on the classpath. An earlier
 * Komar's keyset file ({@code KOMAR_KEK_FILE}), if it still exists, only unwraps what it wrapped.
 */
public final class Keks {

  /** The settings, as read from the environment or Micronaut's properties. */
  public record Settings(String uri, Path pkcs11Library, int slotIndex, String pin, Optional<Path> earlierFile,
      Duration refresh) {

    public static Settings fromEnvironment(Map<String, String> environment) {
      String file = environment.getOrDefault("KOMAR_KEK_FILE", "");
      return new Settings(environment.getOrDefault("KOMAR_KEK_URI", ""),
          Path.of(environment.getOrDefault("KOMAR_PKCS11_LIBRARY", "/usr/lib/softhsm/libsofthsm2.so")),
          Integer.parseInt(environment.getOrDefault("KOMAR_PKCS11_SLOT_INDEX", "0")),
          environment.getOrDefault("KOMAR_HSM_PIN", ""), file.isBlank() ? Optional.empty() : Optional.of(Path.of(file)),
          Duration.ofSeconds(5));
    }
  }

  /** The KEK and, for a PKCS#11 token, its client, which a rotation adds and destroys versions with. */
  public record Opened(KmsKek kek, Optional<Pkcs11KmsClient> token, Optional<Path> earlierFile) {
  }

  private Keks() {
  }

  public static Opened open(Settings settings) {
    if (settings.uri().isBlank()) {
      throw new IllegalStateException("Set KOMAR_KEK_URI to where the key-encryption key lives: pkcs11: for a PKCS#11"
          + " token (KOMAR_PKCS11_LIBRARY, KOMAR_HSM_PIN), or a cloud KMS key's URI");
    }
    Optional<KeyEncryptionKey> earlier = settings.earlierFile().filter(Files::exists).map(LocalFileKek::openOrCreate);
    if (settings.uri().startsWith(Pkcs11KmsClient.PREFIX)) {
      if (settings.pin().isBlank()) {
        throw new IllegalStateException("Set KOMAR_HSM_PIN to the PKCS#11 token's user PIN");
      }
      Pkcs11KmsClient client = new Pkcs11KmsClient(Pkcs11Token.open(settings.pkcs11Library(), settings.slotIndex(),
          settings.pin().toCharArray()));
      if (client.kekVersions().isEmpty()) {
        // A new token: the KEK's first version is made inside it, and never leaves it.
        client.generate(client.nextKekVersion());
      }
      return new Opened(new KmsKek(client, client::kekVersions, settings.refresh(), earlier), Optional.of(client),
          settings.earlierFile().filter(Files::exists));
    }
    KmsClient client = cloudClient(settings.uri());
    return new Opened(new KmsKek(client, () -> List.of(settings.uri()), settings.refresh(), earlier),
        Optional.empty(), settings.earlierFile().filter(Files::exists));
  }

  /**
   * A cloud KMS's Tink client for {@code uri}: one registered already, else Tink's AWS or GCP integration, found on
   * the classpath and registered with the default credentials of the machine (its role, its service account).
   */
  private static KmsClient cloudClient(String uri) {
    String integration = uri.startsWith("aws-kms://") ? "com.google.crypto.tink.integration.awskms.AwsKmsClient"
        : uri.startsWith("gcp-kms://") ? "com.google.crypto.tink.integration.gcpkms.GcpKmsClient" : null;
    try {
      return KmsClients.get(uri);
    } catch (GeneralSecurityException notRegistered) {
      if (integration == null) {
        throw new SealingException("No KMS client for the key-encryption key " + uri, notRegistered);
      }
    }
    try {
      Class.forName(integration).getMethod("register", Optional.class, Optional.class)
          .invoke(null, Optional.of(uri), Optional.empty());
      return KmsClients.get(uri);
    } catch (ClassNotFoundException e) {
      throw new SealingException("The key-encryption key " + uri + " needs Tink's KMS integration " + integration
          + " on the vault's classpath", e);
    } catch (ReflectiveOperationException | GeneralSecurityException e) {
      Throwable cause = e instanceof InvocationTargetException invocation ? invocation.getCause() : e;
      throw new SealingException("Could not reach the KMS of the key-encryption key " + uri + ": "
          + cause.getMessage(), cause);
    }
  }
}
