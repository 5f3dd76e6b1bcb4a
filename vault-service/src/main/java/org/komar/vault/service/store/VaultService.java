package org.komar.vault.service.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.komar.events.Audience;
import org.komar.events.CaseErased;
import org.komar.events.SealedValue;
import org.komar.outbox.Outbox;
import org.komar.schemas.Topics;
import org.komar.vault.CaseKeyStore;
import org.komar.vault.KeyVault;

/**
 * The vault's operations as transactions in its own database: opening a value commits its {@code IdentityAccessed}
 * audit event before the plaintext is returned; erasing a case deletes its key and queues {@code CaseErased}
 * atomically; sealing an intake binds the case to its hotline and creates its key together.
 */
@Singleton
public final class VaultService {

  /** The case is bound to another hotline than the one that asks to seal for it. */
  public static final class BoundElsewhere extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BoundElsewhere() {
      super("This case was recorded by another hotline");
    }
  }

  private final KeyVault vault;
  private final CaseKeyStore keys;
  private final CaseHotlines hotlines;
  private final TransactionOperations<Connection> transactions;
  private final Outbox outbox;

  public VaultService(KeyVault vault, CaseKeyStore keys, CaseHotlines hotlines,
      TransactionOperations<Connection> transactions, Outbox outbox) {
    this.vault = vault;
    this.keys = keys;
    this.hotlines = hotlines;
    this.transactions = transactions;
    this.outbox = outbox;
  }

  /** Whether the case has its data key still: false once erased, or if it never sealed anything. */
  public boolean hasKey(String caseId) {
    return keys.find(caseId).isPresent();
  }

  /**
   * Seals the fields of an intake (field name to plaintext), each for the audiences {@code audiences} gives it,
   * with one lookup of the case's data key; binds the case to {@code hotlineId} first, and refuses a case bound to
   * another ({@link BoundElsewhere}).
   */
  public Map<String, SealedValue> sealIntake(String caseId, String hotlineId, Map<String, String> fields,
      Function<String, Collection<Audience>> audiences) {
    return transactions.executeWrite(status -> {
      if (!hotlines.bind(caseId, hotlineId).equals(hotlineId)) {
        throw new BoundElsewhere();
      }
      KeyVault.CaseSealer sealer = vault.sealer(caseId);
      Map<String, SealedValue> sealed = new LinkedHashMap<>();
      fields.forEach((field, text) -> sealed.put(field, sealer.seal(field, audiences.apply(field), text)));
      return sealed;
    });
  }

  public String open(SealedValue sealed, KeyVault.Opening opening) {
    return transactions.executeWrite(status -> vault.open(sealed, opening));
  }

  /** Seals a note of an existing case; an erased or unknown case refuses ({@code SealingException.CaseErased}). */
  public SealedValue sealNote(String caseId, String field, Collection<Audience> audiences, String text) {
    return transactions.executeRead(status -> vault.sealForExistingCase(caseId, field, audiences, text));
  }

  /** Records a refused opening in a transaction of its own (the opening's, if any, has rolled back). */
  public void refused(KeyVault.Opening opening, String reason) {
    transactions.executeWrite(status -> {
      vault.refused(opening, reason);
      return null;
    });
  }

  /**
   * Crypto-shreds a case, forgets its hotline and tells routing ({@code case-erasures}), all in one transaction;
   * false when it was erased before (nothing is recorded then).
   */
  public boolean erase(String caseId, String actorId, String reason) {
    return transactions.executeWrite(status -> {
      Optional<CaseErased> erased = vault.erase(caseId, actorId, reason);
      hotlines.forget(caseId);
      erased.ifPresent(event -> outbox.append(Topics.CASE_ERASURES, caseId, event.getEventId(), event));
      return erased.isPresent();
    });
  }

  public KeyVault vault() {
    return vault;
  }
}
