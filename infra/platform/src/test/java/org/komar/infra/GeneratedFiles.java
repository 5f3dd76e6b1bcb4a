package org.komar.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file under {@code infra/k8s} that the project writes from its own definitions and never edits by hand: when the
 * definition changes, the check fails and leaves the new file in {@code target/} to copy over the committed one.
 */
public final class GeneratedFiles {

  private GeneratedFiles() {
  }

  /** Checks that {@code infra/k8s/<name>} is {@code expected}, leaving {@code expected} in {@code target/<name>}. */
  public static void assertWrittenOut(String name, String expected) throws IOException {
    Path committed = Path.of("..", "k8s", name);
    Path written = Path.of("target", name);
    Files.createDirectories(written.getParent());
    Files.writeString(written, expected, StandardCharsets.UTF_8);

    assertThat(Files.isRegularFile(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "")
        .as("infra/k8s/" + name + " is out of date: copy infra/platform/" + written + " over it")
        .isEqualTo(expected);
  }
}
