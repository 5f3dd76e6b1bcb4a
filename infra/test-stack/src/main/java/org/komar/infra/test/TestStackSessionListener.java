package org.komar.infra.test;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared {@link TestStack} when the JUnit session of a test JVM ends. Registered through
 * {@code META-INF/services}, so every module whose tests use the stack gets this for free. (A JVM shutdown hook
 * was tried first and broke Surefire's fork.)
 */
public final class TestStackSessionListener implements LauncherSessionListener {

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    TestStack.closeShared();
  }
}
