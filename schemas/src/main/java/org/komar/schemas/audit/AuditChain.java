package org.komar.schemas.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.komar.events.AuditEvent;

/**
 * The hash chain of a case's audit trail: each {@link AuditEvent} carries the SHA-256 of the case's previous one
 * (its Avro binary encoding), so that a removed or altered audit record breaks the chain where it was.
 */
public final class AuditChain {

  private static final SpecificDatumWriter<AuditEvent> WRITER = new SpecificDatumWriter<>(AuditEvent.class);

  private AuditChain() {
  }

  /** The next link: the event, chained to the previous link's hash (null for a case's first audit event). */
  public static AuditEvent link(byte[] previousHash, Object event) {
    return AuditEvent.newBuilder()
        .setPreviousHash(previousHash == null ? null : ByteBuffer.wrap(previousHash.clone()))
        .setEvent(event)
        .build();
  }

  /** The hash of a link, which the next link of the same case carries. */
  public static byte[] hash(AuditEvent link) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
      WRITER.write(link, encoder);
      encoder.flush();
      return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
