package org.komar.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents attributes every record Komar writes carries as Kafka headers (the Kafka protocol binding's
 * binary mode): {@code ce_id}, {@code ce_source}, {@code ce_type} and {@code ce_specversion}.
 *
 * <p>{@code ce_id} is the event's {@code eventId}, or that of the event an envelope carries; a record that is a
 * state rather than an event (a {@code CaseState}, an {@code AgencyUnit}) gets a name-based UUID of the bytes it is
 * written as, so the same state written twice is the same event. {@code ce_type} is the record's Avro full name.
 */
public final class CloudEvents {

  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String SPEC_VERSION = "ce_specversion";
  public static final String VERSION = "1.0";

  private CloudEvents() {
  }

  /** The {@code ce_source} of a Komar service: {@code /komar/<service>}. */
  public static String sourceOf(String service) {
    return "/komar/" + service;
  }

  /**
   * Sets the four attributes of {@code value}, written as {@code bytes}, on {@code headers}, replacing any it had:
   * a record handed on by a stream processor may still carry the headers of the record it came from, which
   * describe another event.
   */
  public static void stamp(Headers headers, SpecificRecord value, byte[] bytes, String source) {
    put(headers, ID, eventId(value).orElseGet(() -> UUID.nameUUIDFromBytes(bytes).toString()));
    put(headers, SOURCE, source);
    put(headers, TYPE, type(value));
    put(headers, SPEC_VERSION, VERSION);
  }

  public static String type(SpecificRecord value) {
    return value.getSchema().getFullName();
  }

  /** The event id of {@code value}, or of the event an envelope (a record of one record field) carries. */
  public static Optional<String> eventId(SpecificRecord value) {
    Schema.Field eventId = value.getSchema().getField("eventId");
    if (eventId != null) {
      return Optional.of(String.valueOf(value.get(eventId.pos())));
    }
    if (value.getSchema().getFields().size() == 1 && value.get(0) instanceof SpecificRecord inner) {
      return eventId(inner);
    }
    return Optional.empty();
  }

  /** A header's value as text, or null when the record has none. */
  public static String header(Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
