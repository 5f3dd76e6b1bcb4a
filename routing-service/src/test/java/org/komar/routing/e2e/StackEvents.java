package org.komar.routing.e2e;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.komar.infra.ClientSettings;
import org.komar.infra.platform.SampleData;
import org.komar.infra.test.TestStack;
import org.komar.schemas.Topic;
import org.komar.schemas.serde.KomarSerdes;

/**
 * Writes events to the test stack's broker (or another cluster), through the registry, as the services would; as
 * the cluster's administrator, which may write any topic.
 */
public final class StackEvents {

  private final Map<String, Object> kafkaSettings;
  private final KomarSerdes serdes;
  private final String serdesUrl;

  public StackEvents(TestStack stack) {
    this(stack.kafkaSettings(), stack.registry().registryApiUrl());
  }

  public StackEvents(Map<String, Object> kafkaSettings, String registryApiUrl) {
    this.kafkaSettings = Map.copyOf(kafkaSettings);
    this.serdes = new KomarSerdes(registryApiUrl, "/komar/test");
    this.serdesUrl = registryApiUrl;
  }

  /**
   * The sample agency directory, with room for every test's cases: each test's router has an application id of
   * its own and so routes again every case earlier tests wrote to the shared topics, which would fill the
   * sample's real capacities (capacity itself is tested in {@code UnitSelectorTest} and the topology tests).
   * Units are keyed by id, so writing the directory again changes nothing.
   */
  public void seedDirectory() {
    SampleData.writeDirectory(kafkaSettings, serdesUrl, SampleData.withCapacityTimes(1000));
  }

  public <V> void send(Topic<String, V> topic, Map<String, V> records) throws Exception {
    try (var producer = new KafkaProducer<>(ClientSettings.plus(kafkaSettings, "acks", "all", "enable.idempotence",
        true), new StringSerializer(), serdes.valueSerde(topic).serializer())) {
      for (var record : records.entrySet()) {
        producer.send(new ProducerRecord<>(topic.name(), record.getKey(), record.getValue())).get();
      }
    }
  }

  public KomarSerdes serdes() {
    return serdes;
  }
}
