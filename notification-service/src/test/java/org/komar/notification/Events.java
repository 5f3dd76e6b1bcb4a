package org.komar.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.komar.events.NotificationReceipt;
import org.komar.infra.ClientSettings;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/** Events in and receipts out, on the shared test stack's broker, through the registry. */
public final class Events {

  private static final KomarSerdes SERDES = TestStack.shared().serdes();

  private Events() {
  }

  public static <V> void send(Topic<String, V> topic, String key, V value) {
    try (var producer = new KafkaProducer<>(ClientSettings.plus(TestStack.shared().kafkaSettings(),
        "acks", "all"), new StringSerializer(),
        SERDES.valueSerde(topic).serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<ConsumerRecord<String, NotificationReceipt>> receipts(
      Predicate<ConsumerRecord<String, NotificationReceipt>> wanted, int expected, Duration timeout) {
    return TopicReader.read(TestStack.shared().kafkaSettings(), Topics.NOTIFICATION_RECEIPTS.name(),
        SERDES.valueSerde(Topics.NOTIFICATION_RECEIPTS).deserializer(), wanted, expected, timeout);
  }
}
