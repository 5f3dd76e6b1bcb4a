package org.komar.vault.service.holders;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.Province;
import org.komar.events.ReferralState;
import org.komar.events.ReferralSummary;
import org.komar.events.RiskLevel;
import org.komar.events.Service;
import org.komar.vault.service.OnTestStack;

/**
 * The vault's view of who holds a case decides whether an agency may open it. A state read late, or replayed by
 * whoever can write to {@code case-states}, must not give a unit back a case it has let go: only a later version
 * counts, in one poll's batch as across polls.
 */
@MicronautTest(transactional = false)
class CaseHoldersTest extends OnTestStack {

  private static final String UNIT = "police-siem-reap-1";

  @Inject
  CaseHolders holders;

  @Test
  void shouldLetAUnitHoldingTheCaseOpenIt() {
    String caseId = UUID.randomUUID().toString();

    holders.record(List.of(state(caseId, 1, ReferralState.IN_PROGRESS)));

    assertThat(holders.inHandOf(caseId, UNIT)).contains(Service.POLICE);
  }

  @Test
  void shouldNotGiveBackACaseForAnOlderStateReadAfterANewerOneInTheSamePoll() {
    String caseId = UUID.randomUUID().toString();

    holders.record(List.of(state(caseId, 2, ReferralState.COMPLETED), state(caseId, 1, ReferralState.IN_PROGRESS)));

    assertThat(holders.inHandOf(caseId, UNIT)).isEmpty();
  }

  @Test
  void shouldNotGiveBackACaseForAnOlderStateReadInALaterPoll() {
    String caseId = UUID.randomUUID().toString();
    holders.record(List.of(state(caseId, 1, ReferralState.IN_PROGRESS)));
    holders.record(List.of(state(caseId, 2, ReferralState.COMPLETED)));

    holders.record(List.of(state(caseId, 1, ReferralState.IN_PROGRESS)));

    assertThat(holders.inHandOf(caseId, UNIT)).isEmpty();
  }

  private static CaseState state(String caseId, long version, ReferralState referral) {
    return CaseState.newBuilder().setCaseId(caseId).setCaseReference("-").setUpdatedAt(Instant.now())
        .setVersion(version).setStatus(CaseStatus.IN_PROGRESS).setProvince(Province.SIEM_REAP)
        .setRiskLevel(RiskLevel.HIGH).setTimeline(List.of())
        .setReferrals(List.of(new ReferralSummary("referral-1", Service.POLICE, UNIT, referral, 2, Instant.now(),
            Instant.now()))).build();
  }
}
