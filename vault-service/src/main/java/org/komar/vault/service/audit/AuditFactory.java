package org.komar.vault.service.audit;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.komar.vault.KeyEncryptionKey;
import org.komar.vault.audit.AuditSigningKey;
import org.komar.vault.audit.TrailVerifier;

/**
 * The audit trail's keys and checkpoint folder, from the environment: the signing keyset
 * ({@code KOMAR_AUDIT_SIGNING_KEY}, created on first start, encrypted under the key-encryption key), its public keyset
 * ({@code KOMAR_AUDIT_PUBLIC_KEY}, written beside it for verifiers) and the folder of checkpoints outside the database
 * ({@code KOMAR_AUDIT_CHECKPOINTS}). No defaults: none of them may land in a working tree by accident.
 */
@Factory
public class AuditFactory {

  @Singleton
  AuditSigningKey auditSigningKey(@Value("${komar.audit.signing-key:}") String signingKey,
      @Value("${komar.audit.public-key:}") String publicKey, KeyEncryptionKey kek) {
    return AuditSigningKey.openOrCreate(required(signingKey, "KOMAR_AUDIT_SIGNING_KEY",
        "the audit signing keyset file (created if missing)"), required(publicKey, "KOMAR_AUDIT_PUBLIC_KEY",
        "where the audit trail's public keyset is written"), kek);
  }

  @Singleton
  TrailVerifier trailVerifier(AuditSigningKey key) {
    return TrailVerifier.of(key.publicKeyset());
  }

  @Singleton
  CheckpointFiles checkpointFiles(@Value("${komar.audit.checkpoints:}") String folder) {
    return new CheckpointFiles(required(folder, "KOMAR_AUDIT_CHECKPOINTS",
        "the folder of the audit trail's checkpoints, outside the database"));
  }

  private static Path required(String value, String variable, String what) {
    if (value.isBlank()) {
      throw new IllegalStateException("Set " + variable + " to " + what);
    }
    return Path.of(value);
  }
}
