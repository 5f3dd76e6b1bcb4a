package org.komar.routing.streams;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes for the router's own state stores, without the registry: Avro's single-object encoding of the generated
 * classes (a two-byte marker, the writer schema's 64-bit fingerprint, then the binary), so that a value written by an
 * earlier Komar is read with the schema it was written with and resolved to today's. Every schema a store's values
 * were ever written with is kept in {@code store-schemas/<Type>-<n>.avsc} beside this class, oldest first; the
 * newest must be today's ({@code StoreSchemasTest} fails until a changed schema is added there). Version 1 was
 * written as plain binary, with no marker: a value without one is read as version 1.
 *
 * <p>Stores and their changelogs are private to this service and rebuilt from them on restore, so they need no
 * registry lookup on the hot path. A change Avro cannot resolve (a field removed without a default) still needs a
 * new store name.
 */
final class StoreSerdes {

  static final String FOLDER = "/org/komar/routing/streams/store-schemas/";
  private static final byte[] MARKER = {(byte) 0xC3, 0x01};

  private StoreSerdes() {
  }

  static <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
    Schema current = SpecificData.get().getSchema(type);
    List<Schema> versions = versions(type);
    SchemaStore.Cache known = new SchemaStore.Cache();
    versions.forEach(known::addSchema);
    BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(SpecificData.get(), current);
    BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(SpecificData.get(), current, known);
    SpecificDatumReader<T> firstVersion = new SpecificDatumReader<>(versions.getFirst(), current);
    return Serdes.serdeFrom(
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          try {
            ByteBuffer encoded = encoder.encode(value);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
          } catch (IOException e) {
            throw new SerializationException("Cannot write a " + type.getSimpleName() + " to a store", e);
          }
        },
        (topic, data) -> {
          if (data == null) {
            return null;
          }
          try {
            if (data.length >= 2 && data[0] == MARKER[0] && data[1] == MARKER[1]) {
              return decoder.decode(data);
            }
            return firstVersion.read(null, DecoderFactory.get().binaryDecoder(data, null));
          } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot read a " + type.getSimpleName() + " from a store", e);
          }
        });
  }

  /** Every schema the store's values of {@code type} were written with, oldest first. */
  static List<Schema> versions(Class<?> type) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      try (InputStream in = StoreSerdes.class.getResourceAsStream(FOLDER + type.getSimpleName() + "-" + version
          + ".avsc")) {
        if (in == null) {
          break;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read a stored schema of " + type.getSimpleName(), e);
      }
    }
    if (versions.isEmpty()) {
      throw new IllegalStateException("No stored schema of " + type.getSimpleName() + " in " + FOLDER);
    }
    return versions;
  }

  /** Whether two schemas write the same bytes (their parsing forms match). */
  static boolean sameWriting(Schema one, Schema other) {
    return SchemaNormalization.parsingFingerprint64(one) == SchemaNormalization.parsingFingerprint64(other);
  }
}
