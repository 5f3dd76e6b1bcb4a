package org.komar.notification.events;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.komar.schemas.kafka.DeadLetterParking;
import org.komar.schemas.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks what notification-service cannot use, byte for byte, in its topic's dead-letter twin: an event that cannot
 * be read, or whose notification failed for good ({@link DeadLetterParking}).
 */
@Singleton
public final class DeadLetters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final DeadLetterParking parking;

  DeadLetters(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
      @Value("${kafka.security.protocol:PLAINTEXT}") String securityProtocol,
      @Value("${kafka.sasl.mechanism:GSSAPI}") String saslMechanism,
      @Value("${kafka.sasl.jaas.config:}") String saslJaasConfig) {
    parking = new DeadLetterParking(KafkaClients.connection(bootstrapServers, securityProtocol, saslMechanism,
        saslJaasConfig), "notification-dead-letters");
  }

  public void park(String topic, byte[] key, byte[] value, String error, String message) {
    parking.park(topic, key, value, error, message);
    LOG.warn("Parked a record of {} in {}-dlq: {}", topic, topic, message);
  }

  @PreDestroy
  @Override
  public void close() {
    parking.close();
  }
}
