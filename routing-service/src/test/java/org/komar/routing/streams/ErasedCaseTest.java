package org.komar.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.komar.events.CaseErased;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.ReferralAccepted;
import org.komar.events.ReferralRequested;
import org.komar.events.ReferralState;
import org.komar.events.ReferralUpdate;
import org.komar.events.Service;
import org.komar.events.TimelineEvent;
import org.komar.routing.Intakes;

/**
 * A case the vault erased leaves every unit's inbox and deadlines, and every agency's view shows it erased. Before
 * this, routing kept an erased case IN_PROGRESS with its referrals open.
 */
class ErasedCaseTest {

  private final RouterDriver router = new RouterDriver();
  private ReferralRequested police;
  private ReferralRequested counselling;

  @BeforeEach
  void routeACaseThePoliceAccepted() {
    router.intakes.pipeInput("case-1", Intakes.girlInSiemReap().setConsents(Intakes.allConsents()).build());
    police = router.police.readValue();
    counselling = router.psychosocial.readValue();
    router.updates.pipeInput("case-1", ReferralUpdate.newBuilder().setUpdate(ReferralAccepted.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setCaseId("case-1").setOccurredAt(Instant.now())
        .setReferralId(police.getReferralId()).setUnitId(police.getUnitId()).setActorId("officer-17")
        .setFemaleOfficerAssigned(true).build()).build());
    router.caseStates.readValuesToList();
    assertThat(router.inboxOf(police.getUnitId())).isNotEmpty();
    assertThat(router.inboxOf(counselling.getUnitId())).isNotEmpty();
  }

  @AfterEach
  void close() {
    router.close();
  }

  private static CaseErased erasure() {
    return CaseErased.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId("case-1")
        .setOccurredAt(Instant.now()).setActorId("supervisor-3").setReason("CHILD_REQUEST").build();
  }

  @Test
  void shouldTakeAnErasedCaseOutOfEveryInboxAndShowItErased() {
    router.erasures.pipeInput("case-1", erasure());

    CaseState state = router.caseStates.readValue();
    assertThat(state.getStatus()).isEqualTo(CaseStatus.ERASED);
    assertThat(router.inboxOf(police.getUnitId())).isEmpty();
    assertThat(router.inboxOf(counselling.getUnitId())).isEmpty();
    // What each unit had done stays on record, and the erasure is in each open referral's timeline.
    assertThat(RoutingTopologyTest.stateOf(state, Service.POLICE)).isEqualTo(ReferralState.ACCEPTED);
    assertThat(state.getTimeline()).filteredOn(entry -> entry.getEvent() == TimelineEvent.CASE_ERASED)
        .extracting(entry -> entry.getUnitId()).containsExactlyInAnyOrder(police.getUnitId(), counselling.getUnitId());
  }

  @Test
  void shouldEscalateNothingOfAnErasedCase() {
    router.erasures.pipeInput("case-1", erasure());
    router.caseStates.readValuesToList();

    router.advance(Duration.ofDays(3));

    assertThat(router.escalations.readValuesToList()).isEmpty();
    assertThat(router.caseStates.readValuesToList()).isEmpty();
  }

  @Test
  void shouldChangeNothingWhenTheErasureIsToldAgain() {
    router.erasures.pipeInput("case-1", erasure());
    router.caseStates.readValuesToList();

    router.erasures.pipeInput("case-1", erasure());

    assertThat(router.caseStates.readValuesToList()).isEmpty();
  }
}
