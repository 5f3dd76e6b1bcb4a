package org.komar.vault.hsm;

import com.google.crypto.tink.Aead;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Tink's {@link Aead} over an AES key inside a PKCS#11 token: AES-256-GCM computed by the token, a random 96-bit nonce
 * per message, the output {@code nonce | ciphertext | tag}. The key's bytes are never in this process.
 */
final class Pkcs11Aead implements Aead {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Provider provider;
  private final SecretKey key;

  Pkcs11Aead(Provider provider, SecretKey key) {
    this.provider = provider;
    this.key = key;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData == null ? new byte[0] : associatedData);
    byte[] sealed;
    try {
      sealed = cipher.doFinal(plaintext);
    } catch (ProviderException e) {
      throw new GeneralSecurityException("The token refused to encrypt: " + e.getMessage(), e);
    }
    return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    if (ciphertext.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new GeneralSecurityException("Too short to be a ciphertext of this key");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
    cipher.updateAAD(associatedData == null ? new byte[0] : associatedData);
    try {
      return cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
    } catch (ProviderException e) {
      // The token's own refusals (a key destroyed meanwhile, a session lost) come as ProviderException.
      throw new GeneralSecurityException("The token refused to decrypt: " + e.getMessage(), e);
    }
  }
}
