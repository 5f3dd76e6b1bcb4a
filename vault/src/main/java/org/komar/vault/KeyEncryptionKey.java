package org.komar.vault;

import com.google.crypto.tink.Aead;
import java.util.List;

/**
 * The key that wraps every case's data key at rest, in versions: each wrapped key records the version that wrapped
 * it, new keys are wrapped under the primary one. In production the versions live in a PKCS#11 token or a cloud KMS,
 * reached through Tink's KMS seam ({@link KmsKek}); {@link LocalFileKek}, a keyset file, is for tests alone. The vault
 * never stores a data key unwrapped.
 *
 * <p>Rotation: a new version becomes primary; {@link KeyVault#rewrapAll()} wraps every data key again under it; then
 * the old version is destroyed. No event is re-encrypted: events are sealed with the data keys, which do not change.
 */
public interface KeyEncryptionKey {

  /** The version new data keys are wrapped under: a short, non-secret name, recorded beside each wrapped key. */
  String primaryKeyId();

  /** The AEAD of one version: it wraps (the primary) and unwraps what that version wrapped. */
  Aead aead(String keyId);

  /** The primary version's AEAD. */
  default Aead aead() {
    return aead(primaryKeyId());
  }

  /** Every version this KEK can still unwrap with, the primary last. */
  List<String> keyIds();
}
