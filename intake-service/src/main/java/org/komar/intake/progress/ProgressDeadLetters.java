package org.komar.intake.progress;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.komar.schemas.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parks an unreadable case state in {@code case-states-dlq}, byte for byte, with the reason in its headers. */
@Singleton
public final class ProgressDeadLetters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressDeadLetters.class);

  private final KafkaProducer<byte[], byte[]> producer;

  ProgressDeadLetters(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
      @Value("${kafka.security.protocol:PLAINTEXT}") String securityProtocol,
      @Value("${kafka.sasl.mechanism:GSSAPI}") String saslMechanism,
      @Value("${kafka.sasl.jaas.config:}") String saslJaasConfig) {
    Map<String, Object> config = KafkaClients.connection(bootstrapServers, securityProtocol, saslMechanism,
        saslJaasConfig);
    config.putAll(Map.of("acks", "all", "enable.idempotence", true, "client.id", "intake-progress-dead-letters"));
    producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  void park(RecordDeserializationException unreadable) {
    String topic = unreadable.topicPartition().topic();
    RecordHeaders headers = new RecordHeaders();
    headers.add("komar.error.class", unreadable.getClass().getName().getBytes(StandardCharsets.UTF_8));
    headers.add("komar.error.message", "cannot be read".getBytes(StandardCharsets.UTF_8));
    headers.add("komar.source.topic", topic.getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(new ProducerRecord<>(topic + "-dlq", null, bytes(unreadable.keyBuffer()),
          bytes(unreadable.valueBuffer()), headers)).get();
      LOG.warn("Parked an unreadable record of {} (offset {}) in {}-dlq", topic, unreadable.offset(), topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("Could not park a record of " + topic, e);
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @PreDestroy
  @Override
  public void close() {
    producer.close();
  }
}
