package org.komar.vault;

import com.google.crypto.tink.Aead;

/**
 * The key that wraps every case's data key at rest. In development a keyset file ({@link LocalFileKek}); in
 * production a KMS key (Tink's {@code KmsClient.getAead(uri)} gives the {@link Aead} to return here). The vault
 * never stores a data key unwrapped.
 *
 * <p>Rotation: the KEK gets a new primary key; existing wrapped data keys still unwrap under the old key, and
 * {@link KeyVault#rewrapAll()} wraps them again under the new one. No event is re-encrypted: events are sealed
 * with the data keys, which do not change.
 */
public interface KeyEncryptionKey {

  /** The AEAD that wraps and unwraps data keys: encrypts with the primary key, decrypts with any key it holds. */
  Aead aead();

  /** A short, non-secret name of the current primary key, recorded beside each wrapped key. */
  String primaryKeyId();
}
