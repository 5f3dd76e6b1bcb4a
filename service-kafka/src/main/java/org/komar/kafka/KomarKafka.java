package org.komar.kafka;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.komar.schemas.CloudEvents;
import org.komar.schemas.serde.KomarSerdes;

/**
 * The one place where a service gets its Kafka wiring: the cluster's connection settings ({@code
 * KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_SECURITY_PROTOCOL} and, for SASL, {@code KAFKA_SASL_MECHANISM} and {@code
 * KAFKA_SASL_JAAS_CONFIG}), Komar's serdes on the schema registry, producers, consumers and dead-letter parking.
 * Every client it builds is named {@code <service>-<purpose>}, and every value written through its serdes carries
 * the CloudEvents headers with the service as {@code ce_source}.
 *
 * <p>Komar's clients are built here rather than declared with micronaut-kafka's {@code @KafkaClient}: each needs
 * Komar's Avro serde, configured from these settings, and a bounded wait for the broker's acknowledgement; the
 * declarative client would take its serializer from YAML, a second copy of the serde settings.
 */
@Singleton
public final class KomarKafka {

  private final Map<String, Object> connection;
  private final KomarSerdes serdes;
  private final String service;

  KomarKafka(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
      @Value("${kafka.security.protocol:SASL_PLAINTEXT}") String securityProtocol,
      @Value("${kafka.sasl.mechanism:SCRAM-SHA-512}") String saslMechanism,
      @Value("${kafka.sasl.jaas.config:}") String saslJaasConfig,
      @Value("${kafka.ssl.truststore.location:}") String truststoreLocation,
      @Value("${kafka.ssl.truststore.type:PEM}") String truststoreType,
      @Value("${komar.schema-registry.url}") String registryUrl,
      @Value("${komar.schema-registry.check-period:30s}") Duration registryCheckPeriod,
      @Value("${micronaut.application.name}") String service) {
    this.connection = KafkaClients.connection(bootstrapServers, securityProtocol, saslMechanism, saslJaasConfig,
        truststoreLocation, truststoreType);
    this.serdes = new KomarSerdes(registryUrl, CloudEvents.sourceOf(service), registryCheckPeriod);
    this.service = service;
  }

  /** The connection settings, a new mutable map each time: callers add their own client settings. */
  public Map<String, Object> connection() {
    return new HashMap<>(connection);
  }

  public KomarSerdes serdes() {
    return serdes;
  }

  /** The name of a client of this service: {@code <service>-<purpose>}. */
  public String clientId(String purpose) {
    return service + "-" + purpose;
  }

  /**
   * A producer of Avro values keyed by case id, acks from all in-sync replicas and idempotent; {@code settings}
   * (timeouts, batching) win over those.
   */
  public KafkaProducer<String, Object> producer(String purpose, Map<String, Object> settings) {
    Map<String, Object> config = connection();
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(purpose));
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putAll(settings);
    return new KafkaProducer<>(config, new StringSerializer(), serdes.valueSerializer());
  }

  /** A consumer of string keys; auto-commit off unless {@code settings} says otherwise. */
  public <V> KafkaConsumer<String, V> consumer(String purpose, Map<String, Object> settings,
      Deserializer<V> values) {
    Map<String, Object> config = connection();
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(purpose));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putAll(settings);
    return new KafkaConsumer<>(config, new StringDeserializer(), values);
  }

  /** Parks records this service cannot handle in their topics' dead-letter twins. */
  public DeadLetterParking deadLetterParking(String purpose) {
    return new DeadLetterParking(connection, clientId(purpose));
  }
}
