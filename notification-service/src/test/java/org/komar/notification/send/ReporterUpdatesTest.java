package org.komar.notification.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.IntakeReceived;
import org.komar.events.NotificationFailed;
import org.komar.events.Recipient;
import org.komar.infra.test.SampleEvents;
import org.komar.notification.Events;
import org.komar.notification.OnNotificationStack;
import org.komar.schemas.Topics;

/**
 * A reporter who agreed hears that the report was received and when someone helps, once each. Their number is
 * sealed and opens only through the vault: with no vault to open it, nothing is sent and the failure is recorded.
 * A state read before its case's intake is not lost: the reporter hears it once the intake is read.
 */
@MicronautTest
class ReporterUpdatesTest extends OnNotificationStack {

  @Inject
  TransactionOperations<Connection> transactions;

  @Test
  void shouldAskOncePerStepAndNeverSendWithoutTheVault() {
    String caseId = UUID.randomUUID().toString();
    Events.send(Topics.CASE_INTAKES, caseId, samples.intakeReceived(caseId));
    // The states after the intake has been handled, as routing's own follow it (the topics are read side by side;
    // a state read first is told alone, shouldTellAStateReadBeforeItsIntakeOnceTheIntakeIsRead)
    Events.receipts(receipt -> caseId.equals(receipt.key()), 1, Duration.ofSeconds(30));
    CaseState state = samples.caseState(caseId, "r-1");
    Events.send(Topics.CASE_STATES, caseId, CaseState.newBuilder(state).setStatus(CaseStatus.IN_PROGRESS)
        .setVersion(3).build());
    Events.send(Topics.CASE_STATES, caseId, CaseState.newBuilder(state).setStatus(CaseStatus.IN_PROGRESS)
        .setVersion(4).build());

    // Two messages were asked for (received, someone helping), not three; each failed without the vault
    var failed = Events.receipts(receipt -> caseId.equals(receipt.key()), 2, Duration.ofSeconds(30));
    assertThat(failed).hasSize(2);
    assertThat(failed).allSatisfy(receipt -> assertThat(receipt.value().getReceipt())
        .isInstanceOfSatisfying(NotificationFailed.class, message -> {
          assertThat(message.getRecipient()).isEqualTo(Recipient.REPORTER);
          assertThat(message.getError()).contains("could not be prepared");
        }));
    assertThat(standIns.sms).noneMatch(request -> request.body().contains(SampleEvents.REPORTER_PHONE));
  }

  @Test
  void shouldTellAStateReadBeforeItsIntakeOnceTheIntakeIsRead() {
    // Given a case whose "someone is helping" is read before its intake (a backlog read after a stop)
    String caseId = UUID.randomUUID().toString();
    CaseState state = samples.caseState(caseId, "r-1");
    Events.send(Topics.CASE_STATES, caseId, CaseState.newBuilder(state).setStatus(CaseStatus.IN_PROGRESS)
        .setVersion(3).build());
    await().atMost(Duration.ofSeconds(30)).until(() -> handled(caseId + "@3"));
    assertThat(heldStatus(caseId)).as("held for the intake").isEqualTo("IN_PROGRESS");

    // When its intake is read, and the case is closed after
    Events.send(Topics.CASE_INTAKES, caseId, samples.intakeReceived(caseId));
    Events.receipts(receipt -> caseId.equals(receipt.key()), 1, Duration.ofSeconds(30));
    Events.send(Topics.CASE_STATES, caseId, CaseState.newBuilder(state).setStatus(CaseStatus.CLOSED)
        .setVersion(5).build());
    Events.receipts(receipt -> caseId.equals(receipt.key()), 2, Duration.ofSeconds(30));

    // Then the reporter is told where the report stood when the intake was read, then that it is closed: nothing
    // lost, nothing out of date, and nothing is held for the case any more
    assertThat(reporterTemplates(caseId)).containsExactly("DISCREET_IN_PROGRESS", "DISCREET_CLOSED");
    assertThat(heldStatus(caseId)).isNull();
  }

  @Test
  void shouldHoldOnlyTheLatestStepReadBeforeTheIntake() {
    // Given a case closed, then its earlier "someone is helping" read late, both before the intake
    String caseId = UUID.randomUUID().toString();
    CaseState state = samples.caseState(caseId, "r-1");
    Events.send(Topics.CASE_STATES, caseId, CaseState.newBuilder(state).setStatus(CaseStatus.CLOSED)
        .setVersion(5).build());
    await().atMost(Duration.ofSeconds(30)).until(() -> handled(caseId + "@5"));
    Events.send(Topics.CASE_STATES, caseId, CaseState.newBuilder(state).setStatus(CaseStatus.IN_PROGRESS)
        .setVersion(4).build());
    await().atMost(Duration.ofSeconds(30)).until(() -> handled(caseId + "@4"));
    assertThat(heldStatus(caseId)).as("a step read late takes nothing back").isEqualTo("CLOSED");

    // When its intake is read
    Events.send(Topics.CASE_INTAKES, caseId, samples.intakeReceived(caseId));
    Events.receipts(receipt -> caseId.equals(receipt.key()), 1, Duration.ofSeconds(30));

    // Then the reporter hears once, that the work is finished
    assertThat(reporterTemplates(caseId)).containsExactly("DISCREET_CLOSED");
  }

  @Test
  void shouldHoldNothingForACaseWhoseIntakeWasReadWithoutAReporter() {
    String caseId = UUID.randomUUID().toString();
    IntakeReceived intake = samples.intakeReceived(caseId);
    Events.send(Topics.CASE_INTAKES, caseId, IntakeReceived.newBuilder(intake).setConsents(List.of()).build());
    await().atMost(Duration.ofSeconds(30)).until(() -> handled(intake.getEventId().toString()));
    Events.send(Topics.CASE_STATES, caseId, CaseState.newBuilder(samples.caseState(caseId, "r-1"))
        .setStatus(CaseStatus.IN_PROGRESS).setVersion(3).build());
    await().atMost(Duration.ofSeconds(30)).until(() -> handled(caseId + "@3"));

    assertThat(heldStatus(caseId)).as("nobody asked to be told: nothing is kept for them").isNull();
    assertThat(reporterTemplates(caseId)).isEmpty();
  }

  private boolean handled(String eventId) {
    return !query("SELECT event_id FROM handled_events WHERE event_id = ?", eventId).isEmpty();
  }

  private List<String> reporterTemplates(String caseId) {
    return query("SELECT template FROM deliveries WHERE case_id = ? AND recipient = 'REPORTER' ORDER BY created_at",
        caseId);
  }

  private String heldStatus(String caseId) {
    List<String> held = query("SELECT status_before FROM case_intakes_read WHERE case_id = ?", caseId);
    return held.isEmpty() ? null : held.getFirst();
  }

  private List<String> query(String sql, String parameter) {
    return transactions.executeRead(status -> {
      try (PreparedStatement select = status.getConnection().prepareStatement(sql)) {
        select.setString(1, parameter);
        try (ResultSet rows = select.executeQuery()) {
          List<String> values = new ArrayList<>();
          while (rows.next()) {
            values.add(rows.getString(1));
          }
          return values;
        }
      }
    });
  }
}
