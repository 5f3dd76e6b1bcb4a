package org.komar.intake;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.komar.infra.test.TestStack;

/** Runs a Micronaut test of intake-service on the shared test stack, with the service's own database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OnTestStack implements TestPropertyProvider {

  @Override
  public Map<String, String> getProperties() {
    return TestStack.shared().serviceProperties("intake");
  }
}
