package org.komar.infra;

import java.nio.file.Path;

/** The Java that runs the child JVMs of the platform: the one running us, which is known to be 21+. */
final class Java {

  private Java() {
  }

  static String executable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
