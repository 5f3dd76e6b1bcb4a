package org.komar.infra.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.io.UncheckedIOException;
import java.util.stream.Stream;

/** Removes what a test made under the temp folder, so that a test run leaves no folder behind. */
public final class TestStackFiles {

  private TestStackFiles() {
  }

  public static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + folder, e);
    }
  }
}
