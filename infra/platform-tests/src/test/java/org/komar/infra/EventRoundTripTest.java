package org.komar.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.komar.infra.ClientSettings;
import org.komar.infra.test.KomarStackExtension;
import org.komar.infra.test.SampleEvents;
import org.komar.infra.test.TestStack;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * Every event of the catalogue through the real registry: written with Komar's serde, the bytes on the topic
 * are the Confluent wire format, decode with plain Avro and the schema the registry serves for their id, and
 * read back equal with Komar's serde.
 */
@ExtendWith(KomarStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRoundTripTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleEvents samples;
  private KomarSerdes serdes;

  @BeforeAll
  void createSamples(TestStack stack, @TempDir Path secrets) {
    SampleEvents fromOwnVault = SampleEvents.withOwnVault(secrets);
    samples = fromOwnVault;
    serdes = stack.serdes();
  }

  @Test
  void shouldRoundTripEveryEventThroughTheRegistry(TestStack stack) throws Exception {
    Map<Topic<String, ?>, List<SpecificRecord>> events = samples.byTopic(UUID.randomUUID().toString());
    assertThat(events.keySet()).containsExactlyInAnyOrderElementsOf(Topics.events());

    for (var entry : events.entrySet()) {
      assertRoundTrip(stack, entry.getKey(), entry.getValue());
    }
  }

  @SuppressWarnings("unchecked")
  private <V> void assertRoundTrip(TestStack stack, Topic<String, V> topic, List<SpecificRecord> events)
      throws Exception {
    try (Serde<V> values = serdes.valueSerde(topic);
        var producer = new KafkaProducer<>(ClientSettings.plus(stack.kafkaSettings(),
            "acks", "all",
            "enable.idempotence", true), serdes.keySerde(topic).serializer(), values.serializer())) {
      for (SpecificRecord event : events) {
        RecordMetadata written = producer.send(new ProducerRecord<>(topic.name(), "case-key", (V) event)).get();
        assertWireFormat(stack, topic, event, readAt(stack, written), values);
      }
    }
  }

  private <V> void assertWireFormat(TestStack stack, Topic<String, V> topic, SpecificRecord event, byte[] wire,
      Serde<V> values) throws Exception {
    // The Confluent wire format: magic byte 0, a 4-byte schema id, then plain Avro binary.
    ByteBuffer buffer = ByteBuffer.wrap(wire);
    assertThat(buffer.get()).as(topic.name()).isEqualTo((byte) 0);
    int schemaId = buffer.getInt();
    Schema served = new Schema.Parser().parse(schemaById(stack, schemaId));
    GenericRecord plain = new GenericDatumReader<GenericRecord>(served).read(null,
        DecoderFactory.get().binaryDecoder(wire, 5, wire.length - 5, null));
    assertThat(plain.getSchema().getFullName()).isEqualTo(event.getSchema().getFullName());

    assertThat(values.deserializer().deserialize(topic.name(), wire)).as(topic.name()).isEqualTo(event);
  }

  private static byte[] readAt(TestStack stack, RecordMetadata written) {
    TopicPartition partition = new TopicPartition(written.topic(), written.partition());
    try (var consumer = new KafkaConsumer<>(stack.kafkaSettings(),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, written.offset());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() == written.offset()) {
            return record.value();
          }
        }
      }
    }
    throw new AssertionError("Record " + written + " not read back within 30 s");
  }

  private static String schemaById(TestStack stack, int id) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
          URI.create(stack.registry().confluentCompatibleUrl() + "/schemas/ids/" + id)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("schema " + id).isEqualTo(200);
      return JSON.readTree(response.body()).get("schema").asText();
    }
  }
}
