package org.komar.schemas.serde;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.komar.schemas.Topic;

/**
 * The one place that configures Apicurio's Avro serdes for Komar.
 *
 * <ul>
 *   <li>Never auto-register: schemas reach the registry only through explicit registration
 *       ({@link SchemaRegistration}), so an incompatible change fails at deploy time, not at the first event.</li>
 *   <li>Schemas registered whole, with their named types inlined (no schema references), so that a Confluent
 *       client reads them as they are.</li>
 *   <li>Topic-name subjects ({@code <topic>-value}); the Confluent wire format ({@code [0][4-byte id][Avro]}), so
 *       any Confluent-ecosystem consumer can read our topics.</li>
 *   <li>Readers get the generated classes (specific records), so consumers switch on types, not strings.</li>
 *   <li>Schemas already looked up keep serving while the registry is unreachable.</li>
 * </ul>
 */
public final class KomarSerdes {

  /**
   * Apicurio's resolver logs every schema it looks up, whole, through java.util.logging at INFO, outside the
   * services' log configuration, under the class's simple name; kept here (a strong reference, or the level is
   * lost) at WARNING.
   */
  private static final java.util.logging.Logger RESOLVER_LOG = quiet("DefaultSchemaResolver");

  /** The registry's Apicurio API, e.g. {@code http://127.0.0.1:18080/apis/registry/v3}. */
  private final String registryUrl;

  public KomarSerdes(String registryUrl) {
    this.registryUrl = registryUrl;
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** The serde settings, for a Kafka client or Streams configuration that builds its own serdes. */
  public Map<String, Object> settings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("apicurio.registry.url", registryUrl);
    settings.put("apicurio.registry.auto-register", false);
    settings.put("apicurio.registry.use-specific-avro-reader", true);
    // Look schemas up by their whole text, named types inlined, as SchemaRegistration registers them; without
    // it the serializer splits each named type into a reference of its own and finds no registered match.
    settings.put("apicurio.registry.dereference-schema", true);
    settings.put("apicurio.registry.avro-datum-provider", CachingDatumProvider.class.getName());
    // A registered schema never changes under its id, so a cached one stays right while the registry is away:
    // keep using it rather than failing every record once the cache's check period has passed.
    settings.put("apicurio.registry.fault-tolerant-refresh", true);
    return settings;
  }

  /** The serde of a topic's values. */
  @SuppressWarnings({"unchecked", "resource"})
  public <V> Serde<V> valueSerde(Topic<?, V> topic) {
    if (topic.valueType() == byte[].class) {
      return (Serde<V>) Serdes.ByteArray();
    }
    if (!SpecificRecord.class.isAssignableFrom(topic.valueType())) {
      throw new IllegalArgumentException(topic.name() + " does not carry Avro records");
    }
    Serde<V> serde = (Serde<V>) Serdes.serdeFrom(new AvroKafkaSerializer<>(), new AvroKafkaDeserializer<>());
    serde.configure(settings(), false);
    return serde;
  }

  /**
   * A serializer for the Avro values of any topic (the subject follows the topic), for a producer that writes
   * to many topics, such as an outbox relay.
   */
  @SuppressWarnings("resource")
  public Serializer<Object> valueSerializer() {
    AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>();
    serializer.configure(settings(), false);
    return serializer;
  }

  /** The serde of a topic's keys: strings for event topics, bytes for dead-letter topics. */
  @SuppressWarnings("unchecked")
  public <K> Serde<K> keySerde(Topic<K, ?> topic) {
    if (topic.keyType() == String.class) {
      return (Serde<K>) Serdes.String();
    }
    if (topic.keyType() == byte[].class) {
      return (Serde<K>) Serdes.ByteArray();
    }
    throw new IllegalArgumentException(topic.name() + " has keys of an unsupported type " + topic.keyType());
  }
}
