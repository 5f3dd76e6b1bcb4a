package org.komar.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The key-encryption key behind Tink's KMS seam: each version is a key URI of a {@link KmsClient} (a PKCS#11 token's
 * {@code pkcs11:komar-kek-<n>}, or a cloud KMS key), and the AEADs run where the key lives; this process never holds
 * a KEK's bytes. The versions are asked for again every {@code refresh}, so that a running vault takes up a version a
 * rotation added, as primary, within that time.
 *
 * <p>A keyset file of an earlier Komar ({@link LocalFileKek}) may be given as well: it only unwraps what it wrapped
 * (versions {@code local-...}) until a rotation rewraps those keys and deletes it.
 */
public final class KmsKek implements KeyEncryptionKey {

  private record Versions(List<String> uris, long readAt) {
  }

  private final KmsClient client;
  private final Supplier<List<String>> versions;
  private final long refreshNanos;
  private final Optional<KeyEncryptionKey> earlier;
  private final ConcurrentMap<String, Aead> aeads = new ConcurrentHashMap<>();
  private volatile Versions known;

  /**
   * @param versions the key URIs of the KEK's versions, oldest first: the last is primary
   * @param earlier an earlier Komar's keyset file, to unwrap what it wrapped
   */
  public KmsKek(KmsClient client, Supplier<List<String>> versions, Duration refresh,
      Optional<KeyEncryptionKey> earlier) {
    this.client = client;
    this.versions = versions;
    this.refreshNanos = refresh.toNanos();
    this.earlier = earlier;
  }

  private List<String> versions() {
    Versions current = known;
    if (current == null || System.nanoTime() - current.readAt() > refreshNanos) {
      List<String> read = List.copyOf(versions.get());
      if (read.isEmpty()) {
        throw new SealingException("The key-encryption key has no version in its KMS or token");
      }
      current = new Versions(read, System.nanoTime());
      known = current;
    }
    return current.uris();
  }

  @Override
  public String primaryKeyId() {
    return versions().getLast();
  }

  @Override
  public Aead aead(String keyId) {
    if (earlier.isPresent() && earlier.get().keyIds().contains(keyId)) {
      return earlier.get().aead(keyId);
    }
    if (!client.doesSupport(keyId)) {
      throw new SealingException("The key-encryption key has no version " + keyId);
    }
    return aeads.computeIfAbsent(keyId, uri -> {
      try {
        return client.getAead(uri);
      } catch (GeneralSecurityException e) {
        throw new SealingException("The key-encryption key's version " + uri + " is not available: "
            + e.getMessage(), e);
      }
    });
  }

  @Override
  public List<String> keyIds() {
    List<String> ids = new ArrayList<>(earlier.map(KeyEncryptionKey::keyIds).orElse(List.of()));
    ids.addAll(versions());
    return List.copyOf(ids);
  }

  /** Forgets a version, after it was destroyed, and reads the versions again at the next use. */
  public void forget(String keyId) {
    aeads.remove(keyId);
    known = null;
  }
}
