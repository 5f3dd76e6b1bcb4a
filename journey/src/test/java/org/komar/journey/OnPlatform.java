package org.komar.journey;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A test class with the whole platform started once for it ({@link Platform}) and stopped after it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnPlatform {

  protected Platform platform;

  @BeforeAll
  void startPlatform() throws Exception {
    platform = new Platform();
  }

  @AfterAll
  void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }
}
