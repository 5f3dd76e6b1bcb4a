package org.komar.routing;

import io.micronaut.test.support.TestPropertyProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;
import org.komar.infra.test.TestStack;

/**
 * routing-service's Micronaut context on the shared test stack, with a Streams application of its own (its own
 * id and state folder), so test classes never share offsets or stores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OnTestStack implements TestPropertyProvider {

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestStack.shared().serviceProperties(null, "routing-service"));
    String run = UUID.randomUUID().toString().substring(0, 8);
    properties.put("komar.routing.application-id", "komar-routing-" + run);
    properties.put("komar.routing.state-dir", Path.of("target", "test-stack", "routing-" + run).toAbsolutePath()
        .toString());
    properties.put("komar.routing.deadline-scan", "1s");
    // No vault in this JVM: a note cannot be sealed, and must then not be recorded either.
    properties.put("komar.vault.url", "http://127.0.0.1:9");
    return properties;
  }
}
