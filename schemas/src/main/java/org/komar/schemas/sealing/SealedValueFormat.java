package org.komar.schemas.sealing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.komar.events.Audience;

/**
 * What a {@code SealedValue}'s ciphertext is bound to: the case id, the field name and the audience list, as
 * AEAD associated data. Whoever seals or opens (today the vault, later any implementation of it) must encode them
 * exactly like this, so the definition lives with the contract rather than with one key holder.
 */
public final class SealedValueFormat {

  /** Changes only with a new format; a value sealed under another version does not open. */
  public static final String VERSION = "komar-sealed-v1";

  private SealedValueFormat() {
  }

  /** Sorted by name, not by declaration order: reordering the enum must not change any associated data. */
  public static List<Audience> canonical(Collection<Audience> audiences) {
    return audiences.stream().distinct().sorted(Comparator.comparing(Audience::name)).toList();
  }

  /**
   * Case id, field and audiences (in {@link #canonical} order), each length-prefixed, so that no two different
   * triples encode alike.
   */
  public static byte[] associatedData(String caseId, String field, List<Audience> audiences) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(VERSION);
      out.writeUTF(caseId);
      out.writeUTF(field);
      out.writeInt(audiences.size());
      for (Audience audience : audiences) {
        out.writeUTF(audience.name());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
