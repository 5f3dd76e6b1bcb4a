package org.komar.journey;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class on the platform of this test JVM ({@link Platform} on the shared test stack): the first such class
 * starts it, and it stops when the JVM's last test has run, so that the classes share three service starts. They
 * take it in turn (one kills and restarts its services); a test with a stack of its own runs alongside them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock("platform")
@ExtendWith(OnPlatform.SharedPlatform.class)
abstract class OnPlatform {

  protected Platform platform;

  @BeforeAll
  void startPlatform(Platform shared) {
    platform = shared;
  }

  /** Gives a {@link Platform} parameter the JVM's one platform, kept in the test run's root, which closes it. */
  static final class SharedPlatform implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedPlatform.class))
          .getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class).platform();
    }
  }

  private record Running(Platform platform) implements AutoCloseable {

    static Running start() {
      try {
        return new Running(new Platform());
      } catch (Exception e) {
        throw new IllegalStateException("The platform did not start: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      platform.close();
    }
  }
}
