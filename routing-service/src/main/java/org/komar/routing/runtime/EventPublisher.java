package org.komar.routing.runtime;

import org.komar.http.TemporarilyUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.komar.kafka.KomarKafka;
import org.komar.schemas.Topic;

/**
 * Publishes what agencies do (referral updates, directory changes) and returns only once the broker has it
 * (all in-sync replicas, idempotent), so an API answer of 202 means the event will be routed.
 */
@Singleton
public final class EventPublisher {

  private final KafkaProducer<String, Object> producer;

  EventPublisher(KomarKafka kafka) {
    producer = kafka.producer("events", Map.of(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000));
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
