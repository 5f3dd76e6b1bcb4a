package org.komar.vault;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link CaseKeyStore} in memory, for tests, benchmarks and sample data. Never for real cases. */
public final class InMemoryCaseKeyStore implements CaseKeyStore {

  private final ConcurrentMap<String, WrappedKey> keys = new ConcurrentHashMap<>();

  @Override
  public Optional<WrappedKey> find(String caseId) {
    return Optional.ofNullable(keys.get(caseId));
  }

  @Override
  public WrappedKey insertIfAbsent(WrappedKey key) {
    WrappedKey existing = keys.putIfAbsent(key.caseId(), key);
    return existing == null ? key : existing;
  }

  @Override
  public void replace(WrappedKey key) {
    keys.replace(key.caseId(), key);
  }

  @Override
  public boolean delete(String caseId) {
    return keys.remove(caseId) != null;
  }

  @Override
  public List<String> wrappedUnderOtherThan(String kekId) {
    return keys.values().stream().filter(key -> !key.kekId().equals(kekId)).map(WrappedKey::caseId).toList();
  }
}
