package org.komar.intake;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.komar.infra.test.TestStack;

/**
 * Runs a Micronaut test of intake-service on the shared test stack, with the service's own database and its own
 * client at the stack's identity provider, sealing and opening through the stack's vault (vault-service as built,
 * in a JVM of its own).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OnTestStack implements TestPropertyProvider {

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new java.util.HashMap<>(TestStack.shared().serviceProperties("intake",
        "intake-service"));
    properties.put("komar.vault.url", TestStack.shared().vault().uri().toString());
    return properties;
  }
}
