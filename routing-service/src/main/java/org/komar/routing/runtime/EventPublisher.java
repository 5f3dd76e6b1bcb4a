package org.komar.routing.runtime;

import org.komar.http.TemporarilyUnavailableException;
import org.komar.schemas.kafka.KafkaClients;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.komar.schemas.Topic;
import org.komar.schemas.serde.KomarSerdes;

/**
 * Publishes what agencies do (referral updates, directory changes) and returns only once the broker has it
 * (all in-sync replicas, idempotent), so an API answer of 202 means the event will be routed.
 */
@Singleton
public final class EventPublisher {

  private final KafkaProducer<String, Object> producer;

  EventPublisher(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
      @Value("${kafka.security.protocol:PLAINTEXT}") String securityProtocol,
      @Value("${kafka.sasl.mechanism:GSSAPI}") String saslMechanism,
      @Value("${kafka.sasl.jaas.config:}") String saslJaasConfig,
      @Value("${komar.schema-registry.url}") String registryUrl) {
    Map<String, Object> config = KafkaClients.connection(bootstrapServers, securityProtocol, saslMechanism,
        saslJaasConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    producer = new KafkaProducer<>(config, new StringSerializer(), new KomarSerdes(registryUrl).valueSerializer());
  }

  /** Sends and waits for the broker's acknowledgement; throws {@link PublishFailedException} otherwise. */
  public <V> void publish(Topic<String, V> topic, String key, V value) {
    try {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailedException(topic.name(), e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new PublishFailedException(topic.name(), e);
    }
  }

  @PreDestroy
  void close() {
    producer.close();
  }

  /** Kafka did not take the event; nothing was recorded. */
  public static final class PublishFailedException extends TemporarilyUnavailableException {

    private static final long serialVersionUID = 1L;

    PublishFailedException(String topic, Exception cause) {
      super("Kafka did not acknowledge the event for " + topic + "; nothing was recorded, please try again",
          cause);
    }
  }
}
