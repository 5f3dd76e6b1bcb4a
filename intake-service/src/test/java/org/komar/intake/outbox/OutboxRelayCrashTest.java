package org.komar.intake.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komar.events.IntakeReceived;
import org.komar.infra.test.SampleEvents;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.outbox.Outbox;
import org.komar.outbox.OutboxRelay;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * The relay dies after the broker acknowledged a batch and before its commit: the rows are still unsent, so the
 * next relay publishes them again, and the only duplicates are the same events, byte for byte, with the same
 * {@code ce_id}. (A kill -9 of the whole service is part of the platform's fault tests.)
 */
@MicronautTest(transactional = false)
class OutboxRelayCrashTest extends WithoutServiceRelay {

  @Inject
  Outbox outbox;

  @Inject
  TransactionOperations<Connection> transactions;


  @SuppressWarnings("unchecked")
  private static Producer<String, Object> dyingAfterFlush(Producer<String, Object> producer) {
    return (Producer<String, Object>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
        new Class<?>[] {Producer.class}, (proxy, method, arguments) -> {
          try {
            Object result = method.invoke(producer, arguments);
            if (method.getName().equals("flush")) {
              throw new IllegalStateException("relay killed after the broker's acknowledgement");
            }
            return result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void shouldRepublishOnlyTheSameEventsAfterDyingBeforeTheCommit(@TempDir Path secrets) {
    TestStack stack = TestStack.shared();
    KomarSerdes serdes = new KomarSerdes(stack.registry().registryApiUrl(), "/komar/intake-service");
    Map<String, Object> client = stack.kafkaSettings();
    SampleEvents samples = SampleEvents.withOwnVault(secrets);
    IntakeReceived intake = samples.intakeReceived(UUID.randomUUID().toString());
    outbox.append(Topics.CASE_INTAKES, intake.getCaseId(), intake.getEventId(), intake);

    try (OutboxRelay dying = new OutboxRelay(transactions,
        dyingAfterFlush(RelayProducer.of(client, serdes.valueSerializer())),
        500, Duration.ofMillis(50),
        new SimpleMeterRegistry())) {
      assertThatThrownBy(dying::relayOnce).hasMessageContaining("relay killed");
    }
    try (OutboxRelay next = new OutboxRelay(transactions, RelayProducer.of(client, serdes.valueSerializer()), 500,
        Duration.ofMillis(50), new SimpleMeterRegistry())) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
        next.relayOnce();
        return OutboxRows.unsent(transactions, List.of(intake.getEventId())) == 0;
      });
    }

    List<ConsumerRecord<String, byte[]>> published = TopicReader.read(stack.kafkaSettings(),
        Topics.CASE_INTAKES.name(), new ByteArrayDeserializer(), record -> record.key().equals(intake.getCaseId()),
        2, Duration.ofSeconds(30));
    assertThat(published).hasSize(2);
    assertThat(published.get(1).value()).isEqualTo(published.get(0).value());
    assertThat(published).allSatisfy(record -> assertThat(new String(record.headers().lastHeader("ce_id").value(),
        StandardCharsets.UTF_8)).isEqualTo(intake.getEventId()));
  }
}
