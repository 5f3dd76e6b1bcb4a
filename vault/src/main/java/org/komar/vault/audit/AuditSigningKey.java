package org.komar.vault.audit;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.komar.vault.KeyEncryptionKey;
import org.komar.vault.SealingException;
import org.komar.vault.SecretFiles;

/**
 * The key the vault signs its audit trail with: a Tink Ed25519 keyset. Its file holds it encrypted under the
 * key-encryption key, so neither a database nor a copy of the file alone can sign; the public keyset, which every
 * verifier needs and anyone may have, is written beside it in clear.
 */
public final class AuditSigningKey {

  static {
    try {
      SignatureConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink's signature primitives are unavailable", e);
    }
  }

  /** Binds the encrypted keyset to its purpose: the KEK's ciphertext of another keyset does not pass for it. */
  private static final byte[] ASSOCIATED_DATA = "komar-audit-signing-key".getBytes(StandardCharsets.US_ASCII);

  private final PublicKeySign signer;
  private final String publicKeyset;

  private AuditSigningKey(KeysetHandle keyset) throws GeneralSecurityException {
    this.signer = keyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
    this.publicKeyset = TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(keyset.getPublicKeysetHandle());
  }

  /**
   * The signing key in {@code file}, opened with the key-encryption key {@code kek}; generated there if the file does
   * not exist. Its public keyset is (re)written to {@code publicFile}.
   */
  public static AuditSigningKey openOrCreate(Path file, Path publicFile, KeyEncryptionKey kek) {
    try {
      KeysetHandle keyset;
      if (Files.exists(file)) {
        keyset = read(file, kek);
      } else {
        keyset = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519);
        SecretFiles.write(file, TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek.aead(), ASSOCIATED_DATA));
      }
      AuditSigningKey key = new AuditSigningKey(keyset);
      if (!Files.exists(publicFile) || !Files.readString(publicFile).equals(key.publicKeyset)) {
        SecretFiles.write(publicFile, key.publicKeyset);
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw new SealingException("The audit signing keyset " + file
          + " does not open under the key-encryption key: it belongs to another KEK, or was altered", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the audit signing keyset " + file, e);
    }
  }

  /** The keyset in {@code file}, opened with whichever version of the KEK encrypted it, the primary tried first. */
  private static KeysetHandle read(Path file, KeyEncryptionKey kek) throws GeneralSecurityException, IOException {
    String encrypted = Files.readString(file);
    GeneralSecurityException failure = new GeneralSecurityException("no version of the key-encryption key opens it");
    for (String keyId : kek.keyIds().reversed()) {
      try {
        return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(encrypted, kek.aead(keyId), ASSOCIATED_DATA);
      } catch (GeneralSecurityException | SealingException e) {
        failure.addSuppressed(e);
      }
    }
    throw failure;
  }

  /** Writes the keyset again under the KEK's primary version (a rotation does, before the old one is destroyed). */
  public static void rewrap(Path file, KeyEncryptionKey kek) {
    try {
      KeysetHandle keyset = read(file, kek);
      SecretFiles.write(file, TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek.aead(), ASSOCIATED_DATA));
    } catch (GeneralSecurityException e) {
      throw new SealingException("Could not rewrap the audit signing keyset " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not rewrap the audit signing keyset " + file, e);
    }
  }

  public byte[] sign(byte[] message) {
    try {
      return signer.sign(message);
    } catch (GeneralSecurityException e) {
      throw new SealingException("Could not sign an audit record", e);
    }
  }

  /** The public keyset (Tink JSON), which verifies every signature of this key. */
  public String publicKeyset() {
    return publicKeyset;
  }

}
