package org.komar.vault;

import java.util.List;
import java.util.Optional;

/**
 * Where the vault keeps each case's wrapped data key: vault-service's own PostgreSQL in production
 * ({@code JdbcCaseKeyStore}), memory in tests. It only ever sees keys wrapped by the key-encryption key.
 */
public interface CaseKeyStore {

  /** A case's data keyset, encrypted under the KEK with the case id as associated data. */
  record WrappedKey(String caseId, byte[] wrappedKeyset, String kekId) {
  }

  Optional<WrappedKey> find(String caseId);

  /** Stores the key unless the case has one already; returns the one that is stored now. */
  WrappedKey insertIfAbsent(WrappedKey key);

  /** Replaces a case's wrapped key with the same key wrapped again (KEK rotation). */
  void replace(WrappedKey key);

  /** Deletes the case's key (crypto-shredding); false if it had none. */
  boolean delete(String caseId);

  /** The ids of the cases whose key is wrapped under another KEK key than {@code kekId}. */
  List<String> wrappedUnderOtherThan(String kekId);
}
