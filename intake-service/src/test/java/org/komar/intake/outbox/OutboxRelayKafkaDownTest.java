package org.komar.intake.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.komar.events.IntakeReceived;
import org.komar.infra.ClientSettings;
import org.komar.infra.Folders;
import org.komar.infra.InfraLayout;
import org.komar.infra.KafkaAccess;
import org.komar.infra.KafkaServerProcess;
import org.komar.infra.Ports;
import org.komar.infra.TopicCatalogue;
import org.komar.infra.test.SampleEvents;
import org.komar.infra.test.TestJvms;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.outbox.Outbox;
import org.komar.outbox.OutboxRelay;
import org.komar.schemas.KafkaPrincipal;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * Kafka stops while intakes keep arriving: their events wait in the outbox, and once the broker is back each
 * reaches the topic exactly once. Runs its own broker (own JVM, restarted on the same folder and ports) and a
 * relay of its own; the service's relay is off here, so the two do not share the work.
 */
@MicronautTest(transactional = false)
class OutboxRelayKafkaDownTest extends WithoutServiceRelay {

  private final Path folder = createFolder();
  private final int port = Ports.free();
  private final int controllerPort = Ports.free();

  @Inject
  Outbox outbox;

  @Inject
  TransactionOperations<Connection> transactions;

  private static Path createFolder() {
    try {
      return Files.createTempDirectory("komar-kafka-down-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }


  @AfterAll
  void deleteFolder() {
    Folders.deleteWhatCan(folder);
  }

  private KafkaServerProcess startBroker() {
    return KafkaServerProcess.start(folder.resolve("kafka"), port, controllerPort,
        InfraLayout.fromBuild().kafkaBrokerLib(), folder.resolve("kafka.log"), TestJvms.broker("384m"),
        TestStack.KAFKA_LOGINS);
  }

  @Test
  void shouldKeepEventsWhileKafkaIsDownAndPublishEachOnceWhenItIsBack() throws Exception {
    TestStack stack = TestStack.shared();
    KafkaServerProcess broker = startBroker();
    TopicCatalogue.create(broker.clientSettings(), List.of(Topics.CASE_INTAKES), 1, (short) 1);
    KafkaAccess.apply(broker.clientSettings(), TestStack.KAFKA_LOGINS);
    // The relay publishes as intake does; it fails fast while the broker is away, so the test does not wait out
    // production timeouts.
    Map<String, Object> client = ClientSettings.plus(broker.clientSettings(KafkaPrincipal.INTAKE),
        "max.block.ms", 1_000, "request.timeout.ms", 2_000, "delivery.timeout.ms", 3_000);
    SampleEvents samples = SampleEvents.withOwnVault(folder);
    List<IntakeReceived> intakes = new ArrayList<>();

    try (OutboxRelay relay = new OutboxRelay(transactions,
        RelayProducer.of(client, new KomarSerdes(stack.registry().registryApiUrl(), "/komar/intake-service")
            .valueSerializer()), 100, Duration.ofMillis(50), new SimpleMeterRegistry())) {
      // Given Kafka stopped
      broker.close();

      // When intakes keep arriving
      for (int i = 0; i < 5; i++) {
        IntakeReceived intake = samples.intakeReceived(UUID.randomUUID().toString());
        outbox.append(Topics.CASE_INTAKES, intake.getCaseId(), intake.getEventId(), intake);
        intakes.add(intake);
      }
      relay.start();
      List<String> eventIds = intakes.stream().map(IntakeReceived::getEventId).toList();
      // ... every one waits, for as long as Kafka is away (here three seconds of the relay retrying)
      Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
          .until(() -> OutboxRows.unsent(transactions, eventIds) == 5);

      // Then they wait, and once Kafka is back every one is published
      broker = startBroker();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> OutboxRows.unsent(transactions, eventIds) == 0);
    } finally {
      Set<String> cases = intakes.stream().map(IntakeReceived::getCaseId).collect(Collectors.toSet());
      List<ConsumerRecord<String, IntakeReceived>> published = TopicReader.read(broker.clientSettings(),
          Topics.CASE_INTAKES.name(),
          stack.serdes().valueSerde(Topics.CASE_INTAKES).deserializer(),
          record -> cases.contains(record.key()), intakes.size(), Duration.ofSeconds(30));
      broker.close();
      // ... exactly once per eventId.
      assertThat(published.stream().map(record ->
          new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)))
          .containsExactlyInAnyOrderElementsOf(intakes.stream().map(IntakeReceived::getEventId).toList());
    }
  }
}
