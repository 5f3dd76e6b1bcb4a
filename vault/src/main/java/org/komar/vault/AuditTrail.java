package org.komar.vault;

import org.apache.avro.specific.SpecificRecord;

/**
 * Where the vault records what it did and what it learnt: every opening ({@code IdentityAccessed}) and refusal, every
 * crypto-shredding ({@code CaseErased}), the rules routing overrode, the directory's changes. vault-service's
 * implementation is the signed trail ({@code SignedAuditTrail}). Recording must succeed before the vault hands out a
 * plaintext: no audit, no open.
 */
@FunctionalInterface
public interface AuditTrail {

  /**
   * Records an event of the {@code AuditEvent} union, published under {@code key} (its case, or the unit of a
   * directory change); throws if it cannot be recorded.
   */
  void record(String key, SpecificRecord event);
}
