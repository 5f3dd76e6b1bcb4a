package org.komar.vault.service.audit;

import java.io.IOException;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.komar.events.AuditEvent;

/**
 * What every event of the {@code AuditEvent} union says alike (who, when, from which unit), and reading an event back
 * from the trail's bytes, written in the schema the trail names, as the event class it is now.
 */
final class AuditedEvents {

  private AuditedEvents() {
  }

  static String actorOf(GenericRecord event) {
    return String.valueOf(event.get("actorId"));
  }

  /** The unit or hotline the acting person's token named, for the events that record one; null otherwise. */
  static String unitOf(GenericRecord event) {
    Object unit = event.getSchema().getField("unitId") == null ? null : event.get("unitId");
    return unit == null ? null : unit.toString();
  }

  static Instant occurredAt(GenericRecord event) {
    return (Instant) event.get("occurredAt");
  }

  /** The case an event is about; null for one about no case (a change of the agency directory). */
  static String caseOf(GenericRecord event) {
    Object caseId = event.getSchema().getField("caseId") == null ? null : event.get("caseId");
    return caseId == null ? null : caseId.toString();
  }

  /**
   * The event in {@code bytes}, written in {@code writerSchema}, read as today's class of the union branch of the same
   * name; an {@link IOException} if the bytes do not read.
   */
  static GenericRecord read(String writerSchemaJson, byte[] bytes) throws IOException {
    Schema writer = new Schema.Parser().parse(writerSchemaJson);
    Schema reader = AuditEvent.getClassSchema().getField("event").schema().getTypes().stream()
        .filter(branch -> branch.getFullName().equals(writer.getFullName())).findFirst()
        .orElseThrow(() -> new IOException("No event of the audit trail is called " + writer.getFullName()));
    try {
      return new SpecificDatumReader<GenericRecord>(writer, reader, SpecificData.get())
          .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    } catch (RuntimeException e) {
      throw new IOException("The event's bytes do not read in its schema", e);
    }
  }
}
