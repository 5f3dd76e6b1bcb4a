package org.komar.schemas.serde;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * Apicurio's datum provider with its readers and writers kept per schema instance. The default keeps them by
 * the schema's parsing fingerprint, which it computes again for every record: a canonical form of the whole
 * schema built and hashed per record, which profiling showed as the largest single cost of reading an event.
 * The schemas Apicurio hands over are its cached instances (and the generated classes' own for writing), so the
 * same instance comes back for every record of a schema; a new instance merely costs one lookup of the default.
 */
public class CachingDatumProvider<T> extends DefaultAvroDatumProvider<T> {

  /** Far more schema instances than Komar has schemas; reaching it means instances are not reused, so start over. */
  private static final int MAX_ENTRIES = 1_000;

  private final Map<Schema, DatumReader<T>> readers = Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<Schema, DatumWriter<T>> specificWriters = Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<Schema, DatumWriter<T>> genericWriters = Collections.synchronizedMap(new IdentityHashMap<>());

  public CachingDatumProvider() {
    super();
  }

  @Override
  public DatumReader<T> createDatumReader(Schema schema) {
    DatumReader<T> reader = readers.get(schema);
    if (reader == null) {
      reader = super.createDatumReader(schema);
      remember(readers, schema, reader);
    }
    return reader;
  }

  @Override
  public DatumWriter<T> createDatumWriter(T data, Schema schema) {
    Map<Schema, DatumWriter<T>> writers = data instanceof org.apache.avro.specific.SpecificRecord
        ? specificWriters : genericWriters;
    DatumWriter<T> writer = writers.get(schema);
    if (writer == null) {
      writer = super.createDatumWriter(data, schema);
      remember(writers, schema, writer);
    }
    return writer;
  }

  private static <V> void remember(Map<Schema, V> cache, Schema schema, V value) {
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(schema, value);
  }
}
