package org.komar.intake.outbox;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.komar.outbox.OutboxRelay;

/**
 * The relay's producer as the service builds it ({@link OutboxRelay#producerSettings()}), for tests that run a
 * relay of their own against a broker they can stop; {@code clientSettings} win, so a test can shorten timeouts.
 */
final class RelayProducer {

  private RelayProducer() {
  }

  static Producer<String, Object> of(Map<String, Object> clientSettings, Serializer<Object> valueSerializer) {
    Map<String, Object> settings = new HashMap<>(OutboxRelay.producerSettings());
    settings.putAll(clientSettings);
    return new KafkaProducer<>(settings, new StringSerializer(), valueSerializer);
  }
}
