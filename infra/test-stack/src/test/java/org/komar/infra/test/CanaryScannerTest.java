package org.komar.infra.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.komar.events.IntakeReceived;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

@ExtendWith(KomarStackExtension.class)
class CanaryScannerTest {

  @Test
  void shouldFindCanariesInClearAndNoneInSealedEvents(TestStack stack, @TempDir Path logs) throws Exception {
    // Given a sealed intake on its topic, and the same child's name leaked in clear on another topic
    SampleEvents fromOwnVault = SampleEvents.withOwnVault(logs);
    IntakeReceived intake = fromOwnVault.intakeReceived(UUID.randomUUID().toString());
    KomarSerdes serdes = stack.serdes();
    try (Serde<IntakeReceived> values = serdes.valueSerde(Topics.CASE_INTAKES);
        var producer = new KafkaProducer<>(stack.kafkaSettings(),
            new StringSerializer(), values.serializer())) {
      producer.send(new ProducerRecord<>(Topics.CASE_INTAKES.name(), intake.getCaseId(), intake)).get();
    }
    String leaky = "leaky-" + UUID.randomUUID();
    try (Admin admin = Admin.create(stack.kafka().clientSettings());
        var producer = new KafkaProducer<>(stack.kafkaSettings(),
            new StringSerializer(), new StringSerializer())) {
      admin.createTopics(List.of(new NewTopic(leaky, 1, (short) 1))).all().get();
      producer.send(new ProducerRecord<>(leaky, "case", "child: " + SampleEvents.CHILD_NAME)).get();
    }
    Path log = Files.writeString(logs.resolve("intake.log"), "started\nready\nsms to " + SampleEvents.REPORTER_PHONE
        + "\n");
    CanaryScanner scanner = new CanaryScanner(SampleEvents.CANARIES);

    // When everything is scanned
    List<CanaryScanner.Hit> topicHits = scanner.scanTopics(stack.kafka().clientSettings(),
        stack.registry().registryApiUrl());
    List<CanaryScanner.Hit> fileHits = scanner.scanFiles(List.of(logs));
    List<CanaryScanner.Hit> payloadHits = scanner.scanPayloads(Map.of("webhook body", "{\"case\": \"K7-4MXR\"}",
        "sms body", "Komar: " + SampleEvents.URL_1));

    // Then each leak is found where it is, and the sealed intake shows nothing
    assertThat(topicHits).containsExactly(new CanaryScanner.Hit(leaky + "/0@0 value", SampleEvents.CHILD_NAME));
    assertThat(fileHits).containsExactly(new CanaryScanner.Hit(log + ":3", SampleEvents.REPORTER_PHONE));
    assertThat(payloadHits).containsExactly(new CanaryScanner.Hit("sms body", SampleEvents.URL_1));
  }
}
