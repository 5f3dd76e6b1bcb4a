package org.komar.schemas.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.komar.events.AuditCheckpoint;
import org.komar.events.AuditEvent;
import org.komar.schemas.Bytes;

/**
 * The format of the platform's one audit trail: what each record's signature covers and how records chain. Every
 * signer and verifier uses these bytes; nothing here holds a key.
 *
 * <p>A record is its sequence number in the whole trail (from 1, no gaps), the hash of the record before it, and its
 * event: the Avro binary of one event of the {@code AuditEvent} union under the event's own schema, named by that
 * schema's fingerprint. Its signed message is a fixed layout of those, so it can be checked from the stored bytes
 * alone, whatever the schemas have become since:
 *
 * <pre>
 *   "komar-audit-record/1" 0x00 | sequence (8 bytes, big-endian) | previous hash (32 bytes; zeros for the first)
 *   | schema fingerprint (SHA-256 of the schema's parsing canonical form) | SHA-256 of the event's bytes
 * </pre>
 *
 * The record's hash, which the next record carries, is the SHA-256 of its message. A checkpoint signs the trail's
 * head: {@code "komar-audit-checkpoint/1" 0x00 | sequence | head hash | publishedAt (epoch millis)}. The two prefixes
 * keep a record's signature from ever passing for a checkpoint's, or for anything else the key might sign.
 */
public final class AuditChain {

  public static final int HASH_LENGTH = 32;

  private static final byte[] RECORD_DOMAIN = "komar-audit-record/1\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHECKPOINT_DOMAIN = "komar-audit-checkpoint/1\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_PREVIOUS = new byte[HASH_LENGTH];

  private AuditChain() {
  }

  /** One record of the trail as it is stored and signed. */
  public record Link(long sequence, byte[] previousHash, byte[] schemaFingerprint, byte[] eventBytes) {

    public Link {
      Objects.requireNonNull(schemaFingerprint, "schemaFingerprint");
      Objects.requireNonNull(eventBytes, "eventBytes");
    }

    /** The next record of the trail after {@code previous} (null for the trail's first). */
    public static Link after(Link previous, SpecificRecord event) {
      return previous == null ? next(0, null, event) : next(previous.sequence(), previous.hash(), event);
    }

    /** The record after the one numbered {@code sequence} whose hash is {@code hash} (0 and null: the first). */
    public static Link next(long sequence, byte[] hash, SpecificRecord event) {
      return new Link(sequence + 1, hash, fingerprint(event.getSchema()), encode(event));
    }

    /** The bytes the vault signs. */
    public byte[] message() {
      byte[] previous = previousHash == null ? NO_PREVIOUS : previousHash;
      // Sized by what is there: a stored record altered to a hash of another length still has a message, a wrong one.
      return ByteBuffer.allocate(RECORD_DOMAIN.length + Long.BYTES + previous.length + schemaFingerprint.length
              + HASH_LENGTH)
          .put(RECORD_DOMAIN)
          .putLong(sequence)
          .put(previous)
          .put(schemaFingerprint)
          .put(sha256(eventBytes))
          .array();
    }

    /** The hash the next record carries. */
    public byte[] hash() {
      return sha256(message());
    }

    /** The record as {@code audit-events} carries it: the event itself, so any Avro reader can read it. */
    public AuditEvent envelope(Object event, byte[] signature) {
      return AuditEvent.newBuilder()
          .setSequence(sequence)
          .setPreviousHash(previousHash == null ? null : ByteBuffer.wrap(previousHash.clone()))
          .setEvent(event)
          .setSignature(ByteBuffer.wrap(signature.clone()))
          .build();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Link link && sequence == link.sequence
          && Arrays.equals(previousHash, link.previousHash)
          && Arrays.equals(schemaFingerprint, link.schemaFingerprint) && Arrays.equals(eventBytes, link.eventBytes);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(sequence) * 31 + Arrays.hashCode(eventBytes);
    }

    @Override
    public String toString() {
      return "Link[" + sequence + "]";
    }
  }

  /**
   * The link a record of {@code audit-events} stands for, read with its writer's schema (a generic reader), so
   * that its event encodes to the very bytes that were signed; null for a record published before the trail was
   * signed.
   */
  public static Link linkOf(GenericRecord auditEvent) {
    Object sequence = auditEvent.get("sequence");
    if (sequence == null) {
      return null;
    }
    ByteBuffer previous = (ByteBuffer) auditEvent.get("previousHash");
    GenericRecord event = (GenericRecord) auditEvent.get("event");
    return new Link((Long) sequence, previous == null ? null : Bytes.of(previous), fingerprint(event.getSchema()),
        encode(event));
  }

  /** The signed message of a checkpoint of the trail's head. */
  public static byte[] checkpointMessage(long sequence, byte[] headHash, Instant publishedAt) {
    return ByteBuffer.allocate(CHECKPOINT_DOMAIN.length + 2 * Long.BYTES + headHash.length)
        .put(CHECKPOINT_DOMAIN)
        .putLong(sequence)
        .put(headHash)
        .putLong(publishedAt.toEpochMilli())
        .array();
  }

  /** The signed message of a checkpoint as {@code audit-checkpoints} carries it. */
  public static byte[] checkpointMessage(AuditCheckpoint checkpoint) {
    return checkpointMessage(checkpoint.getSequence(), Bytes.of(checkpoint.getHeadHash()), checkpoint.getPublishedAt());
  }

  /** SHA-256 of a schema's parsing canonical form: which schema an event's bytes are written in. */
  public static byte[] fingerprint(Schema schema) {
    try {
      return SchemaNormalization.parsingFingerprint("SHA-256", schema);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** An event's Avro binary encoding under its own schema. */
  public static byte[] encode(GenericRecord event) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
      if (event instanceof SpecificRecord) {
        new SpecificDatumWriter<GenericRecord>(event.getSchema(), SpecificData.get()).write(event, encoder);
      } else {
        new GenericDatumWriter<GenericRecord>(event.getSchema()).write(event, encoder);
      }
      encoder.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] encode(SpecificRecord event) {
    if (!(event instanceof GenericRecord record)) {
      throw new IllegalArgumentException("An audit event is a generated Avro record: " + event.getSchema().getName());
    }
    return encode(record);
  }

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

}
