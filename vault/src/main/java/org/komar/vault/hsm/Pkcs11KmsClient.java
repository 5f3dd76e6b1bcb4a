package org.komar.vault.hsm;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import java.security.GeneralSecurityException;
import java.util.List;
import org.komar.vault.SealingException;

/**
 * A PKCS#11 token behind Tink's KMS seam ({@link KmsClient}): key URIs {@code pkcs11:<label>} name the token's keys,
 * and {@link #getAead} gives an AEAD that runs inside the token. A cloud KMS's client (Tink's AWS or GCP KMS
 * integration) plugs into the same place, with its own URIs ({@code aws-kms://...}, {@code gcp-kms://...}).
 *
 * <p>The key-encryption key's versions are the token's keys labelled {@code komar-kek-<n>}: the highest is primary.
 */
public final class Pkcs11KmsClient implements KmsClient {

  public static final String PREFIX = "pkcs11:";
  public static final String KEK_LABEL = "komar-kek-";

  private final Pkcs11Token token;

  public Pkcs11KmsClient(Pkcs11Token token) {
    this.token = token;
  }

  @Override
  public boolean doesSupport(String keyUri) {
    return keyUri != null && keyUri.startsWith(PREFIX);
  }

  /** No credentials: the token's PIN opened it already. */
  @Override
  public KmsClient withCredentials(String credentialPath) {
    return this;
  }

  @Override
  public KmsClient withDefaultCredentials() {
    return this;
  }

  @Override
  public Aead getAead(String keyUri) throws GeneralSecurityException {
    if (!doesSupport(keyUri)) {
      throw new GeneralSecurityException("Not a key of the PKCS#11 token: " + keyUri);
    }
    try {
      return new Pkcs11Aead(token.provider(), token.key(keyUri.substring(PREFIX.length())));
    } catch (SealingException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  /** The URIs of the key-encryption key's versions in the token, oldest first (so the primary last). */
  public List<String> kekVersions() {
    return token.labels(KEK_LABEL).stream()
        .sorted(java.util.Comparator.comparingLong(Pkcs11KmsClient::generation))
        .map(label -> PREFIX + label).toList();
  }

  /** The URI the next version gets. */
  public String nextKekVersion() {
    List<String> versions = kekVersions();
    long last = versions.isEmpty() ? 0 : generation(versions.getLast().substring(PREFIX.length()));
    return PREFIX + KEK_LABEL + (last + 1);
  }

  /** Generates the key a URI of {@link #nextKekVersion()} names, inside the token. */
  public void generate(String keyUri) {
    token.generate(label(keyUri));
  }

  /** Destroys the key a URI names: what it wrapped never unwraps again. */
  public void destroy(String keyUri) {
    token.destroy(label(keyUri));
  }

  private static String label(String keyUri) {
    if (!keyUri.startsWith(PREFIX + KEK_LABEL)) {
      throw new IllegalArgumentException("Not a version of the key-encryption key: " + keyUri);
    }
    return keyUri.substring(PREFIX.length());
  }

  private static long generation(String label) {
    try {
      return Long.parseLong(label.substring(KEK_LABEL.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
