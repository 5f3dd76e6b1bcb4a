package org.komar.vault.service.store;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import org.komar.vault.AuditTrail;
import org.komar.vault.CaseKeyStore;
import org.komar.vault.KeyEncryptionKey;
import org.komar.vault.KeyVault;
import org.komar.vault.LocalFileKek;

/**
 * The key vault of the platform, in vault-service: wrapped keys in its own database, every opening and erasure in
 * the signed audit trail ({@code audit.SignedAuditTrail}). The development key-encryption key is the keyset file named by {@code KOMAR_KEK_FILE}
 * ({@code komar.vault.kek-file}), created on first start; there is deliberately no default path, so that a key
 * never lands in a working tree by accident.
 */
@Factory
public class VaultFactory {

  @Singleton
  KeyEncryptionKey keyEncryptionKey(@Value("${komar.vault.kek-file}") String kekFile) {
    if (kekFile.isBlank()) {
      throw new IllegalStateException("Set KOMAR_KEK_FILE to the key-encryption keyset file (created if missing)");
    }
    return LocalFileKek.openOrCreate(Path.of(kekFile));
  }

  @Singleton
  CaseKeyStore caseKeyStore(TransactionOperations<Connection> transactions) {
    return new JdbcCaseKeyStore(transactions);
  }

  @Singleton
  KeyVault keyVault(CaseKeyStore keys, KeyEncryptionKey kek, AuditTrail auditTrail) {
    return new KeyVault(keys, kek, auditTrail, Clock.systemUTC());
  }
}
