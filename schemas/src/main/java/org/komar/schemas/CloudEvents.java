package org.komar.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents attributes every record Komar writes carries as Kafka headers (the Kafka protocol binding's
 * binary mode): {@code ce_id}, {@code ce_source}, {@code ce_type} and {@code ce_specversion}.
 *
 * <p>{@code ce_id} is the event's {@code eventId}, or that of the event an envelope carries; a record that is a
 * state rather than an event (a {@code CaseState}, an {@code AgencyUnit}) gets a name-based UUID of its own bytes,
 * so the same state written twice is the same event. {@code ce_type} is the record's Avro full name.
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
   * Sets the four attributes of {@code value} on {@code headers}, replacing any it had: a record handed on by a
   * stream processor may still carry the headers of the record it came from, which describe another event.
   */
  public static void stamp(Headers headers, SpecificRecord value, String source) {
    put(headers, ID, id(value));
    put(headers, SOURCE, source);
    put(headers, TYPE, type(value));
    put(headers, SPEC_VERSION, VERSION);
  }

  public static String type(SpecificRecord value) {
    return value.getSchema().getFullName();
  }

  public static String id(SpecificRecord value) {
    Schema schema = value.getSchema();
    if (schema.getField("eventId") != null) {
      return String.valueOf(value.get(schema.getField("eventId").pos()));
    }
    if (schema.getFields().size() == 1 && value.get(0) instanceof SpecificRecord inner) {
      return id(inner);
    }
    return UUID.nameUUIDFromBytes(bytes(value)).toString();
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

  private static byte[] bytes(SpecificRecord value) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(type(value).getBytes(StandardCharsets.UTF_8));
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new SpecificDatumWriter<SpecificRecord>(value.getSchema()).write(value, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
