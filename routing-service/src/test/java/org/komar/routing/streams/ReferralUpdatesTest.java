package org.komar.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.komar.kafka.DeadLetterParking;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.CompletionOutcome;
import org.komar.events.DeclineReason;
import org.komar.events.EscalationStep;
import org.komar.events.NotificationChannel;
import org.komar.events.NotificationDelivered;
import org.komar.events.NotificationReceipt;
import org.komar.events.Recipient;
import org.komar.events.ReferralAccepted;
import org.komar.events.ReferralCompleted;
import org.komar.events.ReferralDeclined;
import org.komar.events.ReferralEscalated;
import org.komar.events.ReferralRequested;
import org.komar.events.ReferralState;
import org.komar.events.ReferralUpdate;
import org.komar.events.Service;
import org.komar.events.TimelineEvent;
import org.komar.routing.Intakes;

/** What agencies do with a referral moves the case on, and what they may not do is parked, not applied. */
class ReferralUpdatesTest {

  private final RouterDriver router = new RouterDriver();
  private ReferralRequested police;
  private ReferralRequested counselling;

  @BeforeEach
  void routeACase() {
    router.intakes.pipeInput("case-1", Intakes.girlInSiemReap().setConsents(Intakes.allConsents()).build());
    police = router.police.readValue();
    counselling = router.psychosocial.readValue();
    router.caseStates.readValuesToList();
  }

  @AfterEach
  void close() {
    router.close();
  }

  @Test
  void shouldAskForFollowUpOnceTheCounsellorAccepts() {
    router.updates.pipeInput("case-1", accepted(counselling, true));

    ReferralRequested followUp = router.followUp.readValue();
    assertThat(followUp.getUnitId()).isEqualTo("dosvy-siem-reap");
    assertThat(followUp.getPriority()).isEqualTo(3);
    CaseState state = router.caseStates.readValue();
    assertThat(state.getStatus()).isEqualTo(CaseStatus.IN_PROGRESS);
    assertThat(RoutingTopologyTest.stateOf(state, Service.PSYCHOSOCIAL)).isEqualTo(ReferralState.ACCEPTED);
    assertThat(RoutingTopologyTest.stateOf(state, Service.FOLLOW_UP)).isEqualTo(ReferralState.REQUESTED);
  }

  @Test
  void shouldNotEscalateAReferralAcceptedBeforeItsDeadline() {
    router.updates.pipeInput("case-1", accepted(police, true));
    router.updates.pipeInput("case-1", accepted(counselling, true));

    router.advance(Duration.ofHours(25));

    assertThat(router.escalations.readValuesToList()).extracting(ReferralEscalated::getService)
        .doesNotContain(Service.POLICE, Service.PSYCHOSOCIAL);
  }

  @Test
  void shouldSendADeclinedReferralToTheNextSuitableUnit() {
    router.updates.pipeInput("case-1", ReferralUpdate.newBuilder().setUpdate(ReferralDeclined.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setCaseId("case-1").setOccurredAt(Instant.now())
        .setReferralId(counselling.getReferralId()).setUnitId(counselling.getUnitId()).setActorId("counsellor-7")
        .setReason(DeclineReason.NO_CAPACITY).setNote(null).build()).build());

    ReferralEscalated moved = router.escalations.readValue();
    assertThat(moved.getStep()).isEqualTo(EscalationStep.REASSIGNED);
    ReferralRequested next = router.psychosocial.readValue();
    assertThat(next.getUnitId()).isEqualTo(moved.getNextUnitId()).isNotEqualTo(counselling.getUnitId());
    assertThat(router.caseStates.readValue().getTimeline()).extracting(TimelineEntryView::of)
        .contains("REFERRAL_DECLINED@ngo-siem-reap-counselling", "REFERRAL_REQUESTED@" + next.getUnitId());
  }

  @Test
  void shouldCloseTheCaseWhenEveryReferralIsCompleted() {
    router.updates.pipeInput("case-1", accepted(police, true));
    router.updates.pipeInput("case-1", completed(police));
    router.updates.pipeInput("case-1", accepted(counselling, true));
    ReferralRequested followUp = router.followUp.readValue();
    router.updates.pipeInput("case-1", completed(counselling));
    router.updates.pipeInput("case-1", accepted(followUp, true));
    router.updates.pipeInput("case-1", completed(followUp));

    CaseState last = router.caseStates.readValuesToList().getLast();
    assertThat(last.getStatus()).isEqualTo(CaseStatus.CLOSED);
    assertThat(last.getReferrals()).allMatch(referral -> referral.getState() == ReferralState.COMPLETED);
    assertThat(router.inboxOf(police.getUnitId())).isEmpty();
  }

  @Test
  void shouldParkAnUpdateFromAUnitThatDoesNotHoldTheReferral() {
    ReferralAccepted intruder = accepted(police, true).getUpdate() instanceof ReferralAccepted accepted
        ? ReferralAccepted.newBuilder(accepted).setUnitId("police-battambang-juvenile").build() : null;

    router.updates.pipeInput("case-1", ReferralUpdate.newBuilder().setUpdate(intruder).build());

    assertThat(router.caseStates.isEmpty()).isTrue();
    TestRecord<byte[], byte[]> parked = router.updatesDlq.readRecord();
    assertThat(header(parked, DeadLetterParking.ERROR_MESSAGE)).contains("is with unit police-siem-reap-juvenile");
    assertThat(header(parked, DeadLetterParking.SOURCE_TOPIC)).isEqualTo("referral-updates");
    // And the referral is still the police unit's to accept
    router.updates.pipeInput("case-1", accepted(police, true));
    assertThat(RoutingTopologyTest.stateOf(router.caseStates.readValue(), Service.POLICE))
        .isEqualTo(ReferralState.ACCEPTED);
  }

  @Test
  void shouldGoOnWithTheNextRecordAfterOneItCannotRead() {
    // The dead letter itself is checked on a real broker (RoutingEndToEndTest): the test driver does not capture
    // what a deserialization handler sends.
    router.rawIntakes.pipeInput("case-2".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
    router.intakes.pipeInput("case-3", Intakes.girlInSiemReap().setCaseId("case-3").setEventId("e-3")
        .setConsents(Intakes.allConsents()).build());

    assertThat(router.police.readValue().getCaseId()).isEqualTo("case-3");
  }

  @Test
  void shouldRecordInTheTimelineThatTheUnitWasNotified() {
    router.updates.pipeInput("case-1", ReferralUpdate.newBuilder().setUpdate(accepted(police, true).getUpdate())
        .build());
    router.caseStates.readValuesToList();
    var receipts = router.driver.createInputTopic("notification-receipts",
        new org.apache.kafka.common.serialization.StringSerializer(),
        router.serdes.valueSerde(org.komar.schemas.Topics.NOTIFICATION_RECEIPTS).serializer());

    receipts.pipeInput("case-1", NotificationReceipt.newBuilder().setReceipt(NotificationDelivered.newBuilder()
        .setEventId("n-1").setCaseId("case-1").setOccurredAt(Instant.now()).setNotificationId("n-1")
        .setChannel(NotificationChannel.WEBHOOK).setRecipient(Recipient.AGENCY_UNIT)
        .setUnitId("ngo-siem-reap-counselling").setAttempts(1).build()).build());

    assertThat(router.caseStates.readValue().getTimeline().getLast().getEvent())
        .isEqualTo(TimelineEvent.AGENCY_NOTIFIED);
  }

  private static ReferralUpdate accepted(ReferralRequested referral, boolean femaleOfficer) {
    return ReferralUpdate.newBuilder().setUpdate(ReferralAccepted.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setCaseId(referral.getCaseId()).setOccurredAt(Instant.now())
        .setReferralId(referral.getReferralId()).setUnitId(referral.getUnitId()).setActorId("officer-1")
        .setFemaleOfficerAssigned(femaleOfficer).build()).build();
  }

  private static ReferralUpdate completed(ReferralRequested referral) {
    return ReferralUpdate.newBuilder().setUpdate(ReferralCompleted.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setCaseId(referral.getCaseId()).setOccurredAt(Instant.now())
        .setReferralId(referral.getReferralId()).setUnitId(referral.getUnitId()).setActorId("officer-1")
        .setOutcome(CompletionOutcome.SERVICE_PROVIDED).build()).build();
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  /** A timeline entry as "EVENT@unit", for readable assertions. */
  static final class TimelineEntryView {

    static String of(org.komar.events.TimelineEntry entry) {
      return entry.getEvent() + "@" + entry.getUnitId();
    }
  }
}
