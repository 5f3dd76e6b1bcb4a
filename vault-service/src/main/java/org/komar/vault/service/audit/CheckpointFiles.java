package org.komar.vault.service.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.komar.events.AuditCheckpoint;
import org.komar.schemas.audit.CheckpointLines;

/**
 * The trail's checkpoints kept outside the database: one line each ({@link CheckpointLines}), appended to
 * {@code checkpoints.txt} in a folder of their own ({@code KOMAR_AUDIT_CHECKPOINTS}), never rewritten. Locally a
 * folder beside the data; in production a volume no database login reaches, or a copy shipped to write-once storage.
 * A line that does not parse is counted, not trusted: only a checkpoint whose signature verifies counts for anything.
 */
public final class CheckpointFiles {

  /** What the folder holds: the checkpoints that parse, and how many lines did not. */
  public record Read(List<AuditCheckpoint> checkpoints, int unreadable) {
  }

  private final Path file;

  public CheckpointFiles(Path folder) {
    this.file = folder.resolve("checkpoints.txt");
  }

  /** Appends one checkpoint, in one write: a reader never sees half a line of it. */
  public synchronized void append(AuditCheckpoint checkpoint) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, (CheckpointLines.line(checkpoint) + "\n").getBytes(StandardCharsets.US_ASCII),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not append the audit checkpoint to " + file, e);
    }
  }

  public Read read() {
    if (!Files.exists(file)) {
      return new Read(List.of(), 0);
    }
    List<AuditCheckpoint> checkpoints = new ArrayList<>();
    int unreadable = 0;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
        if (line.isBlank()) {
          continue;
        }
        Optional<AuditCheckpoint> checkpoint = CheckpointLines.parse(line);
        if (checkpoint.isPresent()) {
          checkpoints.add(checkpoint.get());
        } else {
          unreadable++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the audit checkpoints in " + file, e);
    }
    return new Read(checkpoints, unreadable);
  }
}
