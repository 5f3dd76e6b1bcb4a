package org.komar.routing.streams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes for the router's own state stores: plain Avro binary of the generated classes, without the registry.
 * Stores and their changelogs are private to this service and are rebuilt from them on restore, so they need no
 * registry lookup on the hot path; a schema change that is not backward compatible needs a new store name.
 */
final class StoreSerdes {

  private StoreSerdes() {
  }

  static <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
    SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(type);
    SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
    return Serdes.serdeFrom(
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            writer.write(value, encoder);
            encoder.flush();
            return bytes.toByteArray();
          } catch (IOException e) {
            throw new SerializationException("Cannot write a " + type.getSimpleName() + " to a store", e);
          }
        },
        (topic, data) -> {
          if (data == null) {
            return null;
          }
          try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(data, null));
          } catch (IOException e) {
            throw new SerializationException("Cannot read a " + type.getSimpleName() + " from a store", e);
          }
        });
  }
}
