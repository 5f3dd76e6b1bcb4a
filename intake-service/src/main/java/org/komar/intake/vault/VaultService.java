package org.komar.intake.vault;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import org.komar.events.SealedValue;
import org.komar.vault.KeyVault;

/**
 * The vault's operations as transactions: opening a value commits its {@code IdentityAccessed} audit event
 * before the plaintext is returned; erasing a case deletes its key and queues {@code CaseErased} atomically.
 */
@Singleton
public final class VaultService {

  private final KeyVault vault;
  private final TransactionOperations<Connection> transactions;

  public VaultService(KeyVault vault, TransactionOperations<Connection> transactions) {
    this.vault = vault;
    this.transactions = transactions;
  }

  public String open(SealedValue sealed, KeyVault.Opening opening) {
    return transactions.executeWrite(status -> vault.open(sealed, opening));
  }

  /** Seals a note of an existing case; an erased or unknown case refuses ({@code SealingException.CaseErased}). */
  public SealedValue sealNote(String caseId, String field, java.util.Collection<org.komar.events.Audience> audiences,
      String text) {
    return transactions.executeRead(status -> vault.sealForExistingCase(caseId, field, audiences, text));
  }

  /** Records a refused opening in a transaction of its own (the opening's, if any, has rolled back). */
  public void refused(KeyVault.Opening opening, String unitId, String reason) {
    transactions.executeWrite(status -> {
      vault.refused(opening, unitId, reason);
      return null;
    });
  }

  public boolean erase(String caseId, String actorId, String reason) {
    return transactions.executeWrite(status -> vault.erase(caseId, actorId, reason));
  }

  public KeyVault vault() {
    return vault;
  }
}
