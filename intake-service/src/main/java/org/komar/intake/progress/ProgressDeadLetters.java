package org.komar.intake.progress;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.komar.schemas.kafka.DeadLetterParking;
import org.komar.schemas.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parks an unreadable case state in {@code case-states-dlq}, byte for byte ({@link DeadLetterParking}). */
@Singleton
public final class ProgressDeadLetters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressDeadLetters.class);

  private final DeadLetterParking parking;

  ProgressDeadLetters(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
      @Value("${kafka.security.protocol:PLAINTEXT}") String securityProtocol,
      @Value("${kafka.sasl.mechanism:GSSAPI}") String saslMechanism,
      @Value("${kafka.sasl.jaas.config:}") String saslJaasConfig) {
    parking = new DeadLetterParking(KafkaClients.connection(bootstrapServers, securityProtocol, saslMechanism,
        saslJaasConfig), "intake-progress-dead-letters");
  }

  void park(RecordDeserializationException unreadable) {
    String topic = unreadable.topicPartition().topic();
    parking.park(topic, bytes(unreadable.keyBuffer()), bytes(unreadable.valueBuffer()),
        unreadable.getClass().getName(), "cannot be read");
    LOG.warn("Parked an unreadable record of {} (offset {}) in {}-dlq", topic, unreadable.offset(), topic);
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
    parking.close();
  }
}
