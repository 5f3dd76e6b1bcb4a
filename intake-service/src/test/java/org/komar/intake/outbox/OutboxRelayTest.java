package org.komar.intake.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komar.events.IntakeReceived;
import org.komar.infra.test.SampleEvents;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.intake.OnTestStack;
import org.komar.outbox.Outbox;
import org.komar.outbox.OutboxRelay;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/** The outbox and its relay as the service runs them, on the real database, broker and registry. */
// Not in a test transaction: the relay, in its own thread, must see what the test commits.
@MicronautTest(transactional = false)
class OutboxRelayTest extends OnTestStack {

  @Inject
  Outbox outbox;

  @Inject
  OutboxRelay relay;

  @Inject
  TransactionOperations<Connection> transactions;


  @Test
  void shouldPublishQueuedEventsInOrderPerCaseWithCloudEventsHeaders(@TempDir Path secrets) {
    SampleEvents samples = SampleEvents.withOwnVault(secrets);
    String caseA = UUID.randomUUID().toString();
    String caseB = UUID.randomUUID().toString();
    List<IntakeReceived> queued = List.of(samples.intakeReceived(caseA), samples.intakeReceived(caseB),
        samples.intakeReceived(caseA));

    transactions.executeWrite(status -> {
      queued.forEach(event -> outbox.append(Topics.CASE_INTAKES, event.getCaseId(), event.getEventId(), event));
      return null;
    });

    List<ConsumerRecord<String, IntakeReceived>> published = read(Set.of(caseA, caseB), 3);
    assertThat(published).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(queued);
    assertThat(published.stream().filter(record -> record.key().equals(caseA)).map(ConsumerRecord::value))
        .containsExactly(queued.get(0), queued.get(2));
    ConsumerRecord<String, IntakeReceived> first = published.getFirst();
    assertThat(header(first, "ce_id")).isEqualTo(first.value().getEventId());
    assertThat(header(first, "ce_type")).isEqualTo("org.komar.events.IntakeReceived");
    assertThat(header(first, "ce_source")).isEqualTo("/komar/intake-service");
    assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> OutboxRows.unsent(transactions,
        queued.stream().map(IntakeReceived::getEventId).toList()) == 0);
  }

  @Test
  void shouldDeletePublishedRowsOnceTheyAreOlderThanTheirKeep(@TempDir Path secrets) {
    IntakeReceived event = SampleEvents.withOwnVault(secrets).intakeReceived(UUID.randomUUID().toString());
    outbox.append(Topics.CASE_INTAKES, event.getCaseId(), event.getEventId(), event);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> OutboxRows.unsent(transactions, List.of(event.getEventId())) == 0);

    relay.purgeSent(Duration.ofHours(1));
    assertThat(rows(event.getEventId())).as("kept while recent").isEqualTo(1);
    relay.purgeSent(Duration.ZERO);
    assertThat(rows(event.getEventId())).as("deleted once older than the keep").isZero();
  }

  private long rows(String eventId) {
    return transactions.executeRead(status -> {
      try (var count = status.getConnection().prepareStatement("SELECT count(*) FROM outbox WHERE event_id = ?")) {
        count.setString(1, eventId);
        try (var row = count.executeQuery()) {
          row.next();
          return row.getLong(1);
        }
      }
    });
  }

  @Test
  void shouldPublishNothingOfARolledBackTransaction(@TempDir Path secrets) {
    SampleEvents samples = SampleEvents.withOwnVault(secrets);
    String rolledBack = UUID.randomUUID().toString();
    String committed = UUID.randomUUID().toString();

    assertThatThrownBy(() -> transactions.executeWrite(status -> {
      IntakeReceived event = samples.intakeReceived(rolledBack);
      outbox.append(Topics.CASE_INTAKES, rolledBack, event.getEventId(), event);
      throw new IllegalStateException("the intake failed after queuing its event");
    })).hasMessageContaining("intake failed");
    IntakeReceived after = samples.intakeReceived(committed);
    outbox.append(Topics.CASE_INTAKES, committed, after.getEventId(), after);

    // The committed event, queued after, arrives; the rolled-back one never does.
    assertThat(read(Set.of(rolledBack, committed), 1)).extracting(ConsumerRecord::key).containsExactly(committed);
  }

  private List<ConsumerRecord<String, IntakeReceived>> read(Set<String> cases, int expected) {
    TestStack stack = TestStack.shared();
    return TopicReader.read(stack.kafkaSettings(), Topics.CASE_INTAKES.name(),
        stack.serdes().valueSerde(Topics.CASE_INTAKES).deserializer(),
        record -> cases.contains(record.key()), expected, Duration.ofSeconds(30));
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
