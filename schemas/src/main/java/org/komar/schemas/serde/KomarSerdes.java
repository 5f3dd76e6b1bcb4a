package org.komar.schemas.serde;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.komar.schemas.CloudEvents;
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
 *   <li>Every value written carries the CloudEvents headers ({@link CloudEvents}), whoever writes it: a
 *       producer, a Streams sink or the outbox relay.</li>
 * </ul>
 */
public final class KomarSerdes {

  /**
   * Apicurio's resolver logs every schema it looks up, whole, through java.util.logging at INFO, outside the
   * services' log configuration, under the class's simple name; kept here (a strong reference, or the level is
   * lost) at WARNING.
   */
  private static final Logger RESOLVER_LOG = quiet("DefaultSchemaResolver");

  /** Apicurio's own default. */
  private static final Duration DEFAULT_CHECK_PERIOD = Duration.ofSeconds(30);

  /** The registry's Apicurio API, e.g. {@code http://127.0.0.1:18080/apis/registry/v3}. */
  private final String registryUrl;
  /** How the serdes reach the registry; null for Apicurio's HTTP client to {@link #registryUrl}. */
  private final RegistryClientFacade registry;
  /** The {@code ce_source} of what these serdes write. */
  private final String source;
  /** How long a cached schema lookup is trusted before the registry is asked again. */
  private final Duration checkPeriod;

  /**
   * @param registryUrl the registry's Apicurio API
   * @param source the writer's CloudEvents source, {@link CloudEvents#sourceOf} its service name
   */
  public KomarSerdes(String registryUrl, String source) {
    this(registryUrl, source, DEFAULT_CHECK_PERIOD);
  }

  /**
   * @param checkPeriod how long a cached schema lookup is trusted before the registry is asked again (while the
   *     registry is away, the cached one stays in use: see {@link #settings()})
   */
  public KomarSerdes(String registryUrl, String source, Duration checkPeriod) {
    this(registryUrl, null, source, checkPeriod);
  }

  private KomarSerdes(String registryUrl, RegistryClientFacade registry, String source, Duration checkPeriod) {
    this.registryUrl = registryUrl;
    this.registry = registry;
    this.source = Objects.requireNonNull(source, "source");
    this.checkPeriod = Objects.requireNonNull(checkPeriod, "checkPeriod");
  }

  /**
   * Serdes that reach the registry through the given client rather than over HTTP, such as a test's registry in
   * memory; everything else (lookup by content under the topic's subject, wire format, readers) stays the same.
   */
  public static KomarSerdes through(RegistryClientFacade registry, String source) {
    return new KomarSerdes("in-process", Objects.requireNonNull(registry, "registry"), source, DEFAULT_CHECK_PERIOD);
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.WARNING);
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
    settings.put("apicurio.registry.check-period-ms", checkPeriod.toMillis());
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
    Serde<V> serde = Serdes.serdeFrom((Serializer<V>) new Stamping(this.<Object>serializer(), source),
        this.<V>deserializer());
    serde.configure(settings(), false);
    return serde;
  }

  /**
   * The serde of a store that keeps {@code topic}'s values, such as a global table: the same bytes as on the topic,
   * but blind to headers. A stored value is not a record, and has no CloudEvents headers to stamp. And Kafka Streams
   * hands a store's serde the headers of the record that the store's own context is processing: a global table's
   * store is written by the global thread and read by every stream thread, so a serde that read or stamped headers
   * would read one thread's headers while the other rewrote them. Under load that ended routing's stream thread
   * ("header is null") and stalled every case for half a minute while it was replaced.
   */
  public <V> Serde<V> storeSerde(Topic<?, V> topic) {
    Serde<V> serde = valueSerde(topic);
    return Serdes.serdeFrom(new Serializer<>() {
      @Override
      public byte[] serialize(String storeTopic, V data) {
        return serde.serializer().serialize(storeTopic, data);
      }

      @Override
      public byte[] serialize(String storeTopic, Headers ignored, V data) {
        return serialize(storeTopic, data);
      }

      @Override
      public void close() {
        serde.serializer().close();
      }
    }, new Deserializer<>() {
      @Override
      public V deserialize(String storeTopic, byte[] data) {
        return serde.deserializer().deserialize(storeTopic, data);
      }

      @Override
      public V deserialize(String storeTopic, Headers ignored, byte[] data) {
        return deserialize(storeTopic, data);
      }

      @Override
      public void close() {
        serde.deserializer().close();
      }
    });
  }

  /**
   * A serializer for the Avro values of any topic (the subject follows the topic), for a producer that writes
   * to many topics, such as an outbox relay.
   */
  @SuppressWarnings("resource")
  public Serializer<Object> valueSerializer() {
    Serializer<Object> serializer = new Stamping(serializer(), source);
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

  // Given a client, Apicurio's resolver keeps it and builds none from the URL (AbstractSchemaResolver.configure).
  private <V> AvroKafkaSerializer<V> serializer() {
    return registry == null ? new AvroKafkaSerializer<>() : new AvroKafkaSerializer<>(registry);
  }

  private <V> Deserializer<V> deserializer() {
    return new Patient<>(registry == null ? new AvroKafkaDeserializer<>() : new AvroKafkaDeserializer<>(registry));
  }

  /**
   * Reads while the registry is away: a schema not yet cached is waited for ({@link RegistryUnreachable}), so
   * that a registry's restart never makes a good record look unreadable.
   */
  private static final class Patient<V> implements Deserializer<V> {

    private final Deserializer<V> avro;

    Patient(Deserializer<V> avro) {
      this.avro = avro;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
      avro.configure(configs, isKey);
    }

    @Override
    public V deserialize(String topic, byte[] data) {
      return RegistryUnreachable.patiently(topic, () -> avro.deserialize(topic, data));
    }

    @Override
    public V deserialize(String topic, Headers headers, byte[] data) {
      return RegistryUnreachable.patiently(topic, () -> avro.deserialize(topic, headers, data));
    }

    @Override
    public void close() {
      avro.close();
    }
  }

  /**
   * Writes the Avro value (waiting for the registry as {@link Patient} does) and sets the record's CloudEvents
   * headers. Producers and Kafka Streams both hand the record's own headers to
   * {@link #serialize(String, Headers, Object)}, so this is the one place that sets them.
   */
  private static final class Stamping implements Serializer<Object> {

    private final Serializer<Object> avro;
    private final String source;

    Stamping(Serializer<Object> avro, String source) {
      this.avro = avro;
      this.source = source;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
      avro.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
      return RegistryUnreachable.patiently(topic, () -> avro.serialize(topic, data));
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
      byte[] bytes = RegistryUnreachable.patiently(topic, () -> avro.serialize(topic, headers, data));
      if (headers != null && data instanceof SpecificRecord event) {
        CloudEvents.stamp(headers, event, bytes, source);
      }
      return bytes;
    }

    @Override
    public void close() {
      avro.close();
    }
  }
}
