package org.komar.routing.casefile;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.komar.events.CaseStatus;
import org.komar.events.ReferralState;
import org.komar.events.Service;
import org.komar.events.TimelineEvent;

/**
 * What a unit does with a referral it holds: an acceptance puts the case in progress (a counsellor's brings the
 * follow-up), a decline sends the referral to the next suitable unit, progress and completion are recorded (the
 * last completion closes the case), and a notification receipt joins the timeline. An update from a unit that
 * does not hold the referral, or in a state that does not allow it ({@link ReferralAction}), is refused before
 * anything is decided.
 */
final class AgencyUpdates {

  private static final Set<ReferralState> ACCEPTED = EnumSet.of(ReferralState.ACCEPTED, ReferralState.IN_PROGRESS);

  private AgencyUpdates() {
  }

  static void accepted(CaseDraft draft, String referralId, String unitId, String eventId,
      boolean femaleOfficerAssigned) {
    Referral referral = heldBy(draft, referralId, unitId, ReferralAction.ACCEPT);
    boolean first = !draft.anyReferral(other -> ACCEPTED.contains(other.getState())
        || other.getState() == ReferralState.COMPLETED);
    draft.disarmDeadline(referral);
    draft.change(referral, ReferralState.ACCEPTED, TimelineEvent.REFERRAL_ACCEPTED, eventId);
    draft.status(CaseStatus.IN_PROGRESS);
    if (first) {
      IndicatorFacts.firstAcceptance(draft);
    }
    IndicatorFacts.accepted(draft, referral, femaleOfficerAssigned);
    if (referral.getService() == Service.PSYCHOSOCIAL) {
      Referrals.afterCounsellingAccepted(draft);
    }
  }

  static void declined(CaseDraft draft, String referralId, String unitId, String eventId) {
    Referral referral = heldBy(draft, referralId, unitId, ReferralAction.DECLINE);
    draft.closedFor(referral);
    draft.change(referral, ReferralState.DECLINED, TimelineEvent.REFERRAL_DECLINED, eventId);
    Reassignment.reassign(draft, referral, draft.allowedFor(referral.getService()));
  }

  static void progressed(CaseDraft draft, String referralId, String unitId, String eventId) {
    Referral referral = heldBy(draft, referralId, unitId, ReferralAction.PROGRESS);
    draft.change(referral, ReferralState.IN_PROGRESS, TimelineEvent.REFERRAL_PROGRESSED, eventId);
  }

  static void completed(CaseDraft draft, String referralId, String unitId, String eventId,
      boolean contentRemoved) {
    Referral referral = heldBy(draft, referralId, unitId, ReferralAction.COMPLETE);
    draft.closedFor(referral);
    draft.change(referral, ReferralState.COMPLETED, TimelineEvent.REFERRAL_COMPLETED, eventId);
    IndicatorFacts.completed(draft, referral, contentRemoved);
    if (!draft.anyReferral(other -> CaseDraft.OPEN.contains(other.getState()))) {
      draft.status(CaseStatus.CLOSED);
    }
  }

  /** An agency unit was told of the case, or could not be told; false if it holds no open referral of it. */
  static boolean notified(CaseDraft draft, String unitId, String eventId, boolean delivered) {
    Optional<Referral> referral = draft.openReferralOf(unitId);
    referral.ifPresent(open -> draft.timeline(
        delivered ? TimelineEvent.AGENCY_NOTIFIED : TimelineEvent.NOTIFICATION_FAILED, open, eventId));
    return referral.isPresent();
  }

  private static Referral heldBy(CaseDraft draft, String referralId, String unitId, ReferralAction action) {
    Referral referral = draft.referral(referralId).orElseThrow(() -> new UpdateRefusedException(
        "Referral " + referralId + " is not a referral of case " + draft.intake.getCaseId()));
    if (!referral.getUnitId().equals(unitId)) {
      throw new UpdateRefusedException("Referral " + referralId + " is with unit " + referral.getUnitId()
          + ", not " + unitId + ", which " + action.pastTense() + " it");
    }
    if (!action.allowedIn(referral.getState())) {
      throw new UpdateRefusedException("Referral " + referralId + " is " + referral.getState() + " and cannot be "
          + action.pastTense() + " now");
    }
    return referral;
  }
}
