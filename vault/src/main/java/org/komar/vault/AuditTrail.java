package org.komar.vault;

import org.apache.avro.specific.SpecificRecord;

/**
 * Where the vault records what it did: every open ({@code IdentityAccessed}) and every crypto-shredding
 * ({@code CaseErased}). An implementation publishes to {@code audit-events}, hash-chained per case
 * ({@link AuditChain}). Recording must succeed before the vault hands out a plaintext: no audit, no open.
 */
@FunctionalInterface
public interface AuditTrail {

  /** Records an event of the {@code AuditEvent} union for a case; throws if it cannot be recorded. */
  void record(String caseId, SpecificRecord event);
}
