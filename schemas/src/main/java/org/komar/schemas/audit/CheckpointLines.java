package org.komar.schemas.audit;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.komar.events.AuditCheckpoint;
import org.komar.schemas.Bytes;

/**
 * A checkpoint of the audit trail as one line of text, the form in which it is kept outside the database and handed to
 * a verifier: {@code komar-audit-checkpoint/1 <sequence> <head hash, base64> <published at, epoch ms> <signature,
 * base64>}. Only the signature makes a checkpoint count; a line is just its carrier.
 */
public final class CheckpointLines {

  private static final String FORMAT = "komar-audit-checkpoint/1";

  private CheckpointLines() {
  }

  public static String line(AuditCheckpoint checkpoint) {
    Base64.Encoder base64 = Base64.getEncoder();
    return String.join(" ", FORMAT, Long.toString(checkpoint.getSequence()),
        base64.encodeToString(Bytes.of(checkpoint.getHeadHash())),
        Long.toString(checkpoint.getPublishedAt().toEpochMilli()),
        base64.encodeToString(Bytes.of(checkpoint.getSignature())));
  }

  /** The checkpoint a line holds; empty for a line that is not one. */
  public static Optional<AuditCheckpoint> parse(String line) {
    String[] parts = line.strip().split(" ");
    if (parts.length != 5 || !parts[0].equals(FORMAT)) {
      return Optional.empty();
    }
    try {
      Base64.Decoder base64 = Base64.getDecoder();
      return Optional.of(AuditCheckpoint.newBuilder()
          .setSequence(Long.parseLong(parts[1]))
          .setHeadHash(ByteBuffer.wrap(base64.decode(parts[2])))
          .setPublishedAt(Instant.ofEpochMilli(Long.parseLong(parts[3])))
          .setSignature(ByteBuffer.wrap(base64.decode(parts[4])))
          .build());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

}
