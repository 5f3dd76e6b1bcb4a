package org.komar.schemas;

import java.nio.ByteBuffer;

/** The bytes of an Avro {@code bytes} value, copied, leaving the buffer's position as it was. */
public final class Bytes {

  private Bytes() {
  }

  /** A copy of what remains in {@code buffer}; null for null. */
  public static byte[] of(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
