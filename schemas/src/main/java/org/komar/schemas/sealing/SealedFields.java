package org.komar.schemas.sealing;

import java.util.List;
import org.apache.avro.Schema;
import org.komar.events.Audience;

/** The audiences of a sealed field, read from the schema itself: one place decides who may open what. */
public final class SealedFields {

  private SealedFields() {
  }

  public static List<Audience> audiences(Schema record, String field) {
    Schema.Field declared = record.getField(field);
    if (declared == null || !(declared.getObjectProp("audiences") instanceof List<?> audiences)) {
      throw new IllegalArgumentException(record.getName() + "." + field + " is not a sealed field with audiences");
    }
    return audiences.stream().map(audience -> Audience.valueOf(audience.toString())).toList();
  }
}
