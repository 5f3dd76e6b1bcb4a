package org.komar.notification.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.NotificationFailed;
import org.komar.events.Recipient;
import org.komar.infra.test.SampleEvents;
import org.komar.notification.Events;
import org.komar.notification.OnNotificationStack;
import org.komar.schemas.Topics;

/**
 * A reporter who agreed hears that the report was received and when someone helps, once each. Their number is
 * sealed and opens only through the vault: with no vault to open it, nothing is sent and the failure is recorded.
 */
@MicronautTest
class ReporterUpdatesTest extends OnNotificationStack {


  @Test
  void shouldAskOncePerStepAndNeverSendWithoutTheVault() {
    String caseId = UUID.randomUUID().toString();
    Events.send(Topics.CASE_INTAKES, caseId, samples.intakeReceived(caseId));
    // The states after the intake has been handled, as routing's own follow it (the topics are read side by side)
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
}
