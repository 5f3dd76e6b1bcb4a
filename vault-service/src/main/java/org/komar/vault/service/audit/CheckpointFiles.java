package org.komar.vault.service.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.komar.events.AuditCheckpoint;

/**
 * The trail's checkpoints kept outside the database: one line each, appended to {@code checkpoints.txt} in a folder
 * of their own ({@code KOMAR_AUDIT_CHECKPOINTS}), never rewritten. Locally a folder beside the data; in production a
 * volume no database login reaches, or a copy shipped to write-once storage. A line that does not parse is counted,
 * not trusted: only a checkpoint whose signature verifies counts for anything.
 *
 * <p>A line: {@code komar-audit-checkpoint/1 <sequence> <head hash, base64> <published at, epoch ms> <signature,
 * base64>}.
 */
public final class CheckpointFiles {

  private static final String FORMAT = "komar-audit-checkpoint/1";

  /** What the folder holds: the checkpoints that parse, and how many lines did not. */
  public record Read(List<AuditCheckpoint> checkpoints, int unreadable) {
  }

  private final Path file;

  public CheckpointFiles(Path folder) {
    this.file = folder.resolve("checkpoints.txt");
  }

  public Path file() {
    return file;
  }

  /** Appends one checkpoint, in one write: a reader never sees half a line of it. */
  public synchronized void append(AuditCheckpoint checkpoint) {
    Base64.Encoder base64 = Base64.getEncoder();
    String line = String.join(" ", FORMAT, Long.toString(checkpoint.getSequence()),
        base64.encodeToString(bytes(checkpoint.getHeadHash())),
        Long.toString(checkpoint.getPublishedAt().toEpochMilli()),
        base64.encodeToString(bytes(checkpoint.getSignature()))) + "\n";
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, line.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
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
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        if (line.isBlank()) {
          continue;
        }
        try {
          String[] parts = line.strip().split(" ");
          if (parts.length != 5 || !parts[0].equals(FORMAT)) {
            throw new IllegalArgumentException("not a checkpoint line");
          }
          Base64.Decoder base64 = Base64.getDecoder();
          checkpoints.add(AuditCheckpoint.newBuilder()
              .setSequence(Long.parseLong(parts[1]))
              .setHeadHash(ByteBuffer.wrap(base64.decode(parts[2])))
              .setPublishedAt(Instant.ofEpochMilli(Long.parseLong(parts[3])))
              .setSignature(ByteBuffer.wrap(base64.decode(parts[4])))
              .build());
        } catch (IllegalArgumentException e) {
          unreadable++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the audit checkpoints in " + file, e);
    }
    return new Read(checkpoints, unreadable);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
