package org.komar.vault.service;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.komar.infra.test.TestStack;
import org.komar.schemas.KafkaPrincipal;

/** Runs a Micronaut test of vault-service on the shared test stack, with the vault's own database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OnTestStack implements TestPropertyProvider {

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestStack.shared().serviceProperties("vault"));
    properties.putAll(TestStack.shared().kafkaLogin(KafkaPrincipal.VAULT));
    // Tests tell the vault who holds a case and wait for it themselves: a refusal need not wait for a late state.
    properties.put("komar.vault.catch-up", "300ms");
    return properties;
  }
}
