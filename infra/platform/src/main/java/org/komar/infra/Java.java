package org.komar.infra;

import java.nio.file.Path;

/** The Java that runs the child JVMs of the platform: the one running us, which is known to be 21+. */
final class Java {

  private Java() {
  }

  static String executable() {
    return Path.of(home(), "bin", "java").toString();
  }

  /** Its home, as {@code JAVA_HOME} for a launcher script that finds Java there. */
  static String home() {
    return System.getProperty("java.home");
  }
}
