package org.komar.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting a folder with everything in it: the one place the platform, the test stack and the bench do it. */
public final class Folders {

  private Folders() {
  }

  /**
   * Deletes {@code folder} and its contents, not following links; fails on the first path it cannot delete, so
   * that a reset never reports a folder gone that is not.
   */
  public static void delete(Path folder) {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes what it can of {@code folder}, for clean-up after tests and runs: a file that a stopping process
   * removes or holds at that moment is left rather than failing the clean-up.
   */
  public static void deleteWhatCan(Path folder) {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort by contract: what is left is left.
    }
  }
}
