package org.komar.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Java that runs the child JVMs of the platform: the one running us, which is known to be 21+. */
public final class Java {

  private Java() {
  }

  static String executable() {
    return Path.of(home(), "bin", "java").toString();
  }

  /**
   * The options of a dynamic class-data archive at {@code archive}: written when the JVM first exits normally,
   * mapped by every later start with the same class path instead of loading, parsing and verifying its classes
   * again, and made again by the JVM itself when its classes changed. Quiet: a stale archive is no news.
   */
  public static List<String> classDataArchive(Path archive) {
    try {
      Files.createDirectories(archive.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new InfraException("Could not create " + archive.getParent() + ": " + e.getMessage(), e);
    }
    return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive.toAbsolutePath(),
        "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /**
   * Options that make a JVM hold less memory where this Java has them: compact object headers (8 bytes instead of 12,
   * a product option from Java 25, JEP 519), and the C heap trimmed every 5 s (a product option from Java 22:
   * {@code malloc} keeps what the JIT compilers and class loading freed, and gives it back to the system only when
   * asked). None on Java 21.
   */
  public static List<String> leanerMemory() {
    int feature = Runtime.version().feature();
    List<String> options = new ArrayList<>();
    if (feature >= 22) {
      options.add("-XX:TrimNativeHeapInterval=5000");
    }
    if (feature >= 25) {
      options.add("-XX:+UseCompactObjectHeaders");
    }
    return List.copyOf(options);
  }

  /** Its home, as {@code JAVA_HOME} for a launcher script that finds Java there. */
  static String home() {
    return System.getProperty("java.home");
  }
}
