package org.komar.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.IntakeReceived;
import org.komar.events.ReporterMessages;
import org.komar.routing.Intakes;

/**
 * The router's stores read what an earlier Komar wrote into them: every schema a stored type was written with is
 * kept, the newest is today's, and a value of the first version (plain binary) or of a later one reads as today's.
 */
class StoreSchemasTest {

  @Test
  void shouldKeepTodaysSchemaOfEveryStoredTypeAsItsNewestVersion() {
    for (Class<?> type : List.of(IntakeReceived.class, CaseState.class)) {
      List<Schema> versions = StoreSerdes.versions(type);
      assertThat(StoreSerdes.sameWriting(versions.getLast(), SpecificData.get().getSchema(type)))
          .as(type.getSimpleName() + " changed: add its schema as " + StoreSerdes.FOLDER + type.getSimpleName() + "-"
              + (versions.size() + 1) + ".avsc (the old ones stay)")
          .isTrue();
    }
  }

  @Test
  void shouldReadAnIntakeAndACaseStoredByAnEarlierKomar() throws Exception {
    IntakeReceived today = Intakes.girlInSiemReap().build();
    // What the first version of the store holds: plain binary, written with that version's schema
    Schema first = StoreSerdes.versions(IntakeReceived.class).getFirst();
    byte[] stored = plainBinary(first, today);

    IntakeReceived read = StoreSerdes.avro(IntakeReceived.class).deserializer().deserialize("intakes", stored);

    assertThat(read.getCaseId()).isEqualTo(today.getCaseId());
    assertThat(read.getHotlineId()).isEqualTo("hotline-1280");
    assertThat(read.getPreferences().getReporterMessages()).as("the default of a field added since")
        .isEqualTo(ReporterMessages.DISCREET);

    CaseState state = CaseState.newBuilder().setCaseId("case-1").setCaseReference("K7-4MXR")
        .setUpdatedAt(java.time.Instant.EPOCH).setVersion(3).setStatus(CaseStatus.IN_PROGRESS)
        .setProvince(today.getProvince()).setRiskLevel(today.getRiskLevel()).setReferrals(List.of())
        .setTimeline(List.of()).build();
    CaseState readState = StoreSerdes.avro(CaseState.class).deserializer().deserialize("cases",
        plainBinary(StoreSerdes.versions(CaseState.class).getFirst(), state));
    assertThat(readState.getVersion()).isEqualTo(3);
    assertThat(readState.getLinks()).isEmpty();
  }

  @Test
  void shouldReadBackWhatItWrites() {
    IntakeReceived today = Intakes.girlInSiemReap().build();
    var serde = StoreSerdes.avro(IntakeReceived.class);
    byte[] written = serde.serializer().serialize("intakes", today);
    assertThat(written[0]).as("single-object encoding's marker").isEqualTo((byte) 0xC3);
    assertThat(serde.deserializer().deserialize("intakes", written)).isEqualTo(today);
  }

  /** {@code value} as a store of {@code schema}'s version held it: through a generic record of that schema. */
  private static byte[] plainBinary(Schema schema, org.apache.avro.specific.SpecificRecord value) throws Exception {
    ByteArrayOutputStream today = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(today, null);
    new SpecificDatumWriter<>(value.getSchema()).write(value, encoder);
    encoder.flush();
    // Today's bytes read as that version (fields added since are dropped), then written as that version
    GenericRecord old = new GenericDatumReader<GenericRecord>(value.getSchema(), schema)
        .read(null, DecoderFactory.get().binaryDecoder(today.toByteArray(), null));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder oldEncoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(old, oldEncoder);
    oldEncoder.flush();
    return bytes.toByteArray();
  }
}
