package org.komar.vault.service.store;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.komar.vault.AuditTrail;
import org.komar.vault.CaseKeyStore;
import org.komar.vault.KeyEncryptionKey;
import org.komar.vault.KeyVault;

/**
 * The key vault of the platform, in vault-service: wrapped keys in its own database, every opening and erasure in
 * the signed audit trail ({@code audit.SignedAuditTrail}), the key-encryption key in a PKCS#11 token or a KMS
 * ({@link Keks}).
 */
@Factory
public class VaultFactory {

  @Singleton
  KeyEncryptionKey keyEncryptionKey(@Value("${komar.vault.kek-uri:}") String uri,
      @Value("${komar.vault.pkcs11.library}") String library, @Value("${komar.vault.pkcs11.slot-index:0}") int slot,
      @Value("${komar.vault.pkcs11.pin:}") String pin, @Value("${komar.vault.kek-file:}") String earlierFile,
      @Value("${komar.vault.kek-refresh:5s}") Duration refresh) {
    return Keks.open(new Keks.Settings(uri, Path.of(library), slot, pin,
        earlierFile.isBlank() ? Optional.empty() : Optional.of(Path.of(earlierFile)), refresh)).kek();
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
