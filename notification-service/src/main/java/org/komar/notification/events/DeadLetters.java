package org.komar.notification.events;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.komar.schemas.kafka.KafkaClients;

/**
 * Parks a record in {@code <topic>-dlq}, byte for byte, with headers saying why: an event that cannot be read,
 * or whose notification failed for good. Returns only once the broker has it. Headers carry Komar's own words,
 * which name ids and channels, never content.
 */
@Singleton
public final class DeadLetters implements AutoCloseable {

  public static final String ERROR_CLASS = "komar.error.class";
  public static final String ERROR_MESSAGE = "komar.error.message";
  public static final String SOURCE_TOPIC = "komar.source.topic";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final KafkaProducer<byte[], byte[]> producer;

  DeadLetters(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
      @Value("${kafka.security.protocol:PLAINTEXT}") String securityProtocol,
      @Value("${kafka.sasl.mechanism:GSSAPI}") String saslMechanism,
      @Value("${kafka.sasl.jaas.config:}") String saslJaasConfig) {
    Map<String, Object> config = KafkaClients.connection(bootstrapServers, securityProtocol, saslMechanism,
        saslJaasConfig);
    config.putAll(Map.of("acks", "all", "enable.idempotence", true, "client.id", "notification-dead-letters"));
    producer = new KafkaProducer<>(config,
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  public void park(String topic, byte[] key, byte[] value, String error, String message) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(ERROR_CLASS, error.getBytes(StandardCharsets.UTF_8));
    headers.add(ERROR_MESSAGE, message.getBytes(StandardCharsets.UTF_8));
    headers.add(SOURCE_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(new ProducerRecord<>(topic + "-dlq", null, key, value, headers)).get(30, TimeUnit.SECONDS);
      LOG.warn("Parked a record of {} in {}-dlq: {}", topic, topic, message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while parking a record of " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not park a record of " + topic + " in its dead-letter topic", e);
    }
  }

  @PreDestroy
  @Override
  public void close() {
    producer.close();
  }
}
