package org.komar.intake.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

/** A row that can never be published is parked: its own key waits for an operator, every other key flows. */
@MicronautTest(transactional = false)
class OutboxParkingTest extends WithoutServiceRelay {

  @Inject
  Outbox outbox;

  @Inject
  TransactionOperations<Connection> transactions;


  @Test
  void shouldParkAnUnpublishableRowAndHoldOnlyItsKey(@TempDir Path secrets) {
    TestStack stack = TestStack.shared();
    SampleEvents samples = SampleEvents.withOwnVault(secrets);
    String broken = UUID.randomUUID().toString();
    String healthy = UUID.randomUUID().toString();
    IntakeReceived blockedBehind = samples.intakeReceived(broken);
    IntakeReceived fine = samples.intakeReceived(healthy);
    transactions.executeWrite(status -> {
      try (PreparedStatement insert = status.getConnection().prepareStatement("INSERT INTO outbox (event_id, topic,"
          + " record_key, value_type, payload) VALUES (?, 'case-intakes', ?, 'org.komar.events.NoSuchEvent', ?)")) {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, broken);
        insert.setBytes(3, new byte[] {1, 2, 3});
        insert.executeUpdate();
      }
      return null;
    });
    outbox.append(Topics.CASE_INTAKES, broken, blockedBehind.getEventId(), blockedBehind);
    outbox.append(Topics.CASE_INTAKES, healthy, fine.getEventId(), fine);

    try (OutboxRelay relay = new OutboxRelay(transactions, RelayProducer.of(
        stack.kafkaSettings(),
        new KomarSerdes(stack.registry().registryApiUrl(), "/komar/intake-service").valueSerializer()),
        500, Duration.ofMillis(50),
        new SimpleMeterRegistry())) {
      relay.relayOnce();
      relay.relayOnce();
    }

    List<ConsumerRecord<String, IntakeReceived>> published = TopicReader.read(stack.kafkaSettings(),
        Topics.CASE_INTAKES.name(),
        stack.serdes().valueSerde(Topics.CASE_INTAKES).deserializer(),
        record -> Set.of(broken, healthy).contains(record.key()), 1, Duration.ofSeconds(20));
    assertThat(published).extracting(ConsumerRecord::key).containsExactly(healthy);
    transactions.executeRead(status -> {
      try (ResultSet rows = status.getConnection().createStatement().executeQuery("SELECT value_type, failed_at,"
          + " failure, sent_at FROM outbox WHERE record_key = '" + broken + "' ORDER BY id")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getTimestamp("failed_at")).isNotNull();
        assertThat(rows.getString("failure")).contains("NoSuchEvent");
        assertThat(rows.next()).isTrue();
        assertThat(rows.getTimestamp("sent_at")).as("the same case's next event waits behind it").isNull();
        return null;
      }
    });
  }
}
