package org.komar.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
   * Options that make every object smaller where this Java has them: compact object headers (8 bytes instead of 12,
   * a product option from Java 25, JEP 519). None on Java 21 to 24.
   */
  public static List<String> smallerObjects() {
    return Runtime.version().feature() >= 25 ? List.of("-XX:+UseCompactObjectHeaders") : List.of();
  }

  /** Its home, as {@code JAVA_HOME} for a launcher script that finds Java there. */
  static String home() {
    return System.getProperty("java.home");
  }
}
