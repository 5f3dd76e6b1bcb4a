package org.komar.routing.streams;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.komar.events.SealedValue;

/** Every sealed value an event carries, found through its schema, however deep. */
final class SealedOnTopics {

  private SealedOnTopics() {
  }

  static List<SealedValue> everySealedValue(Object value) {
    List<SealedValue> found = new ArrayList<>();
    collect(value, found);
    return found;
  }

  private static void collect(Object value, List<SealedValue> found) {
    if (value instanceof SealedValue sealed) {
      found.add(sealed);
    } else if (value instanceof SpecificRecord record) {
      for (Schema.Field field : record.getSchema().getFields()) {
        collect(record.get(field.pos()), found);
      }
    } else if (value instanceof Iterable<?> items) {
      items.forEach(item -> collect(item, found));
    }
  }
}
