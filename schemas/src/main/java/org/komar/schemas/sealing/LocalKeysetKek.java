package org.komar.schemas.sealing;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * A key-encryption key kept in a Tink keyset file, for development and tests only: the file holds the key in
 * clear (mode 600), is generated on first use, and must never be committed. Production uses a KMS.
 */
public final class LocalKeysetKek implements KeyEncryptionKey {

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink's AEAD primitives are unavailable", e);
    }
  }

  private final Path file;
  private volatile KeysetHandle keyset;
  private volatile Aead aead;

  private LocalKeysetKek(Path file, KeysetHandle keyset) throws GeneralSecurityException {
    this.file = file;
    use(keyset);
  }

  /** The KEK in {@code file}, generated there (AES-256-GCM, mode 600) if the file does not exist. */
  public static LocalKeysetKek openOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return new LocalKeysetKek(file, TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file),
            InsecureSecretKeyAccess.get()));
      }
      KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      LocalKeysetKek kek = new LocalKeysetKek(file, keyset);
      kek.save();
      return kek;
    } catch (GeneralSecurityException e) {
      throw new SealingException("The key-encryption keyset " + file + " is not a valid Tink keyset", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the key-encryption keyset " + file, e);
    }
  }

  /**
   * Adds a new primary key. Data keys wrapped under the old one still unwrap; rewrap them with
   * {@link KeyVault#rewrapAll()}, after which the old key could be removed.
   */
  public synchronized void rotate() {
    try {
      use(KeysetHandle.newBuilder(keyset)
          .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
              .withRandomId().makePrimary())
          .build());
      save();
    } catch (GeneralSecurityException e) {
      throw new SealingException("Could not rotate the key-encryption key", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not save the rotated key-encryption keyset to " + file, e);
    }
  }

  private void use(KeysetHandle handle) throws GeneralSecurityException {
    this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    this.keyset = handle;
  }

  /** Writes the keyset through a temp file created mode 600, so the key is never readable by others. */
  private void save() throws GeneralSecurityException, IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, ".kek-", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temp, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()));
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public Aead aead() {
    return aead;
  }

  @Override
  public String primaryKeyId() {
    return "local-" + Integer.toUnsignedString(keyset.getPrimary().getId());
  }
}
