package org.komar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.komar.infra.ClientSettings;
import org.komar.infra.registry.SchemaRegistryClient;
import org.komar.infra.registry.SchemaRegistryException;
import org.komar.infra.test.KomarStackExtension;
import org.komar.infra.test.TestStack;

@ExtendWith(KomarStackExtension.class)
class SchemaRegistryTest {

  private static final Schema PING_V1 = new Schema.Parser().parse("""
      {"type": "record", "name": "Ping", "namespace": "org.komar.test",
       "fields": [{"name": "caseId", "type": "string"}, {"name": "province", "type": "string"}]}""");

  /** Adds a field without a default: readers of v2 cannot read what v1 wrote, so BACKWARD refuses it. */
  private static final Schema PING_V2_INCOMPATIBLE = new Schema.Parser().parse("""
      {"type": "record", "name": "Ping", "namespace": "org.komar.test",
       "fields": [{"name": "caseId", "type": "string"}, {"name": "province", "type": "string"},
                  {"name": "ageBand", "type": "string"}]}""");

  @Test
  void shouldProduceAndConsumeAnAvroRecordThroughTheRegistry(TestStack stack) throws Exception {
    // Given a topic and its value schema registered explicitly
    String topic = createTopic(stack, "registry-round-trip");
    int schemaId = registry(stack).register(topic + "-value", PING_V1);
    GenericRecord ping = new GenericData.Record(PING_V1);
    ping.put("caseId", "K7-4MXR");
    ping.put("province", "សៀមរាប");

    // When a producer that never auto-registers writes it
    try (var producer = new KafkaProducer<String, GenericRecord>(producerSettings(stack))) {
      producer.send(new ProducerRecord<>(topic, "K7-4MXR", ping)).get();
    }

    // Then the bytes are in the Confluent wire format with the registered id, and read back intact
    ConsumerRecord<String, byte[]> raw = readOne(stack, topic, ByteArrayDeserializer.class);
    ByteBuffer bytes = ByteBuffer.wrap(raw.value());
    assertThat(bytes.get()).isEqualTo((byte) 0);
    assertThat(bytes.getInt()).isEqualTo(schemaId);
    ConsumerRecord<String, Object> decoded = readOne(stack, topic, AvroKafkaDeserializer.class);
    GenericRecord value = (GenericRecord) decoded.value();
    assertThat(value.get("caseId").toString()).isEqualTo("K7-4MXR");
    assertThat(value.get("province").toString()).isEqualTo("សៀមរាប");
  }

  @Test
  void shouldRefuseToWriteWithASchemaNobodyRegistered(TestStack stack) {
    String topic = createTopic(stack, "registry-unregistered");
    GenericRecord ping = new GenericData.Record(PING_V1);
    ping.put("caseId", "K7-4MXR");
    ping.put("province", "Kampot");

    try (var producer = new KafkaProducer<String, GenericRecord>(producerSettings(stack))) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "K7-4MXR", ping)).get())
          .hasMessageContaining("Could not resolve artifact")
          .hasMessageContaining(topic + "-value");
    }
  }

  @Test
  void shouldRejectAnIncompatibleChangeWithTheRegistrysReason(TestStack stack) {
    String subject = "registry-compatibility-" + UUID.randomUUID() + "-value";
    SchemaRegistryClient registry = registry(stack);
    registry.register(subject, PING_V1);

    assertThatThrownBy(() -> registry.register(subject, PING_V2_INCOMPATIBLE))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining(subject)
        .hasMessageContaining("HTTP 409")
        .hasMessageContaining("ageBand");
  }

  private static SchemaRegistryClient registry(TestStack stack) {
    return new SchemaRegistryClient(stack.registry().confluentCompatibleUrl());
  }

  private static Map<String, Object> producerSettings(TestStack stack) {
    return ClientSettings.plus(stack.kafkaSettings(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
        "apicurio.registry.url", stack.registry().registryApiUrl(),
        "apicurio.registry.auto-register", false);
  }

  private static String createTopic(TestStack stack, String prefix) {
    String topic = prefix + "-" + UUID.randomUUID();
    try (Admin admin = Admin.create(stack.kafka().clientSettings())) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    } catch (Exception e) {
      throw new AssertionError("Could not create " + topic, e);
    }
    return topic;
  }

  private static <V> ConsumerRecord<String, V> readOne(TestStack stack, String topic, Class<?> valueDeserializer) {
    Map<String, Object> settings = ClientSettings.plus(stack.kafkaSettings(),
        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, valueDeserializer,
        "apicurio.registry.url", stack.registry().registryApiUrl());
    try (var consumer = new KafkaConsumer<String, V>(settings)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          return record;
        }
      }
    }
    throw new AssertionError("No record on " + topic + " within 30 s");
  }
}
