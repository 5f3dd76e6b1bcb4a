package org.komar.vault.hsm;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Collections;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.komar.vault.SealingException;

/**
 * A PKCS#11 token, through the JDK's SunPKCS11 provider: where the key-encryption key's versions live, each an AES-256
 * key generated inside the token as a token object, sensitive and not extractable, so its bytes never leave it.
 * Locally and in the tests the token is SoftHSM2 ({@code bin/install-softhsm}); in production an HSM's own PKCS#11
 * library takes its place.
 */
public final class Pkcs11Token {

  /** The attributes every AES key generated here gets: kept in the token, never readable, never wrapped out. */
  private static final String NON_EXTRACTABLE_AES = """
      attributes(generate, CKO_SECRET_KEY, CKK_AES) = {
        CKA_TOKEN = true
        CKA_SENSITIVE = true
        CKA_EXTRACTABLE = false
      }
      """;

  private final Provider provider;
  private final KeyStore keys;
  private final char[] pin;

  private Pkcs11Token(Provider provider, KeyStore keys, char[] pin) {
    this.provider = provider;
    this.keys = keys;
    this.pin = pin;
  }

  /**
   * Logs in to the token in slot {@code slotListIndex} of the PKCS#11 library {@code library} with the user PIN. The
   * library finds its own settings where it looks for them (SoftHSM2: {@code SOFTHSM2_CONF}).
   */
  public static Pkcs11Token open(Path library, int slotListIndex, char[] pin) {
    String config = "--name=komar\nlibrary=" + library + "\nslotListIndex=" + slotListIndex + "\n" + NON_EXTRACTABLE_AES;
    try {
      Provider provider = Security.getProvider("SunPKCS11").configure(config);
      KeyStore keys = KeyStore.getInstance("PKCS11", provider);
      keys.load(null, pin.clone());
      return new Pkcs11Token(provider, keys, pin.clone());
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new SealingException("Cannot log in to the PKCS#11 token in slot " + slotListIndex + " of " + library
          + ": " + e.getMessage(), e);
    }
  }

  /** The labels of the token's keys that start with {@code prefix}, as the token holds them now. */
  public synchronized List<String> labels(String prefix) {
    try {
      // Loaded again: another process (a rotation) may have added or destroyed keys since.
      keys.load(null, pin.clone());
      return Collections.list(keys.aliases()).stream().filter(label -> label.startsWith(prefix)).sorted().toList();
    } catch (GeneralSecurityException | IOException e) {
      throw new SealingException("Cannot list the keys of the PKCS#11 token: " + e.getMessage(), e);
    }
  }

  /** The key labelled {@code label}: a handle to it, never its bytes. */
  public synchronized SecretKey key(String label) {
    try {
      Key key = keys.getKey(label, null);
      if (key == null) {
        keys.load(null, pin.clone());
        key = keys.getKey(label, null);
      }
      if (!(key instanceof SecretKey secret)) {
        throw new SealingException("The PKCS#11 token holds no secret key labelled " + label);
      }
      return secret;
    } catch (GeneralSecurityException | IOException e) {
      throw new SealingException("Cannot find the key " + label + " in the PKCS#11 token: " + e.getMessage(), e);
    }
  }

  /** Generates a new AES-256 key inside the token, labelled {@code label}, which never leaves it. */
  public synchronized void generate(String label) {
    try {
      if (keys.containsAlias(label)) {
        throw new SealingException("The PKCS#11 token holds a key labelled " + label + " already");
      }
      KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
      generator.init(256);
      keys.setKeyEntry(label, generator.generateKey(), null, null);
    } catch (GeneralSecurityException e) {
      throw new SealingException("Cannot generate the key " + label + " in the PKCS#11 token: " + e.getMessage(), e);
    }
  }

  /** Destroys the key labelled {@code label} in the token: what it wrapped can never be unwrapped again. */
  public synchronized void destroy(String label) {
    try {
      keys.deleteEntry(label);
    } catch (GeneralSecurityException e) {
      throw new SealingException("Cannot destroy the key " + label + " in the PKCS#11 token: " + e.getMessage(), e);
    }
  }

  /** The provider that works with the token's keys (ciphers for them run inside the token). */
  public Provider provider() {
    return provider;
  }
}
