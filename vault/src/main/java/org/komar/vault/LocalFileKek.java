package org.komar.vault;

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
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * A key-encryption key kept in a Tink keyset file, for tests only: the file holds the key in clear (mode 600), is
 * generated on first use, and must never be committed. vault-service keeps its KEK in a PKCS#11 token or a KMS
 * ({@link KmsKek}); it reads such a file only to unwrap what an earlier Komar wrapped under it, until a rotation
 * rewraps those keys and deletes it.
 */
public final class LocalFileKek implements KeyEncryptionKey {

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink's AEAD primitives are unavailable", e);
    }
  }

  /** The keyset and its primitive, swapped together so that a reader never sees one without the other. */
  private record State(KeysetHandle keyset, Aead aead) {

    static State of(KeysetHandle keyset) throws GeneralSecurityException {
      return new State(keyset, keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
    }
  }

  private final Path file;
  private volatile State state;

  private LocalFileKek(Path file, KeysetHandle keyset) throws GeneralSecurityException {
    this.file = file;
    this.state = State.of(keyset);
  }

  /** The KEK in {@code file}, generated there (AES-256-GCM, mode 600) if the file does not exist. */
  public static LocalFileKek openOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return new LocalFileKek(file, TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file),
            InsecureSecretKeyAccess.get()));
      }
      KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      save(file, keyset);
      return new LocalFileKek(file, keyset);
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
      KeysetHandle rotated = KeysetHandle.newBuilder(state.keyset())
          .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
              .withRandomId().makePrimary())
          .build();
      // Saved before use: no key may wrap anything before it is on disk.
      save(file, rotated);
      state = State.of(rotated);
    } catch (GeneralSecurityException e) {
      throw new SealingException("Could not rotate the key-encryption key", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not save the rotated key-encryption keyset to " + file, e);
    }
  }

  private static void save(Path file, KeysetHandle keyset) throws GeneralSecurityException, IOException {
    SecretFiles.write(file, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()));
  }

  /** Any version of this keyset: Tink's keyset unwraps with whichever of its keys wrapped. */
  @Override
  public Aead aead(String keyId) {
    return state.aead();
  }

  @Override
  public List<String> keyIds() {
    return List.of(primaryKeyId());
  }

  @Override
  public String primaryKeyId() {
    return "local-" + Integer.toUnsignedString(state.keyset().getPrimary().getId());
  }
}
