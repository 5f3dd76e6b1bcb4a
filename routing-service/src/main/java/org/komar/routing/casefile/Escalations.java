package org.komar.routing.casefile;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.komar.events.EscalationStep;
import org.komar.events.ReferralEscalated;
import org.komar.events.ReferralState;
import org.komar.events.Service;
import org.komar.events.TimelineEvent;
import org.komar.schemas.Topics;

/**
 * What a supervisor is told, and deadlines missed. A referral no unit can take is escalated at once
 * ({@code NO_UNIT_AVAILABLE}) and tried again at its deadline. A referral not accepted by its deadline is
 * escalated and goes to the next suitable unit ({@link Reassignment}); a take-down request is sent again to its
 * desk instead, with the supervisor told ({@code SUPERVISOR_NOTIFIED}).
 */
final class Escalations {

  private static final Set<ReferralState> AWAITING_ACCEPTANCE = EnumSet.of(ReferralState.REQUESTED,
      ReferralState.ESCALATED);

  private Escalations() {
  }

  /** Tells the supervisor of the unit; returns the escalation's event id. */
  static String escalate(CaseDraft draft, Referral referral, String unitId, EscalationStep step, String nextUnitId) {
    String eventId = draft.nextEventId();
    draft.emit(Routed.to(Topics.ESCALATIONS, ReferralEscalated.newBuilder().setEventId(eventId)
        .setCaseId(draft.intake.getCaseId()).setOccurredAt(draft.now).setReferralId(referral.getReferralId())
        .setService(referral.getService()).setUnitId(unitId).setDeadline(referral.getDeadline()).setStep(step)
        .setNextUnitId(nextUnitId).build()));
    return eventId;
  }

  static void noUnitAvailable(CaseDraft draft, Referral referral) {
    referral.setState(ReferralState.ESCALATED);
    String eventId = escalate(draft, referral, referral.getUnitId(), EscalationStep.NO_UNIT_AVAILABLE, null);
    draft.timeline(TimelineEvent.REFERRAL_ESCALATED, referral, eventId);
    // Try again when the deadline passes: a unit may have become free or been added.
    draft.armDeadline(referral);
  }

  /**
   * The deadline of a referral passed without an acceptance. Returns false for a deadline that no longer applies
   * (accepted meanwhile, or moved).
   */
  static boolean expired(CaseDraft draft, String referralId, Instant deadline) {
    Optional<Referral> found = draft.referral(referralId);
    if (found.isEmpty() || !AWAITING_ACCEPTANCE.contains(found.get().getState())
        || !found.get().getDeadline().equals(deadline)) {
      return false;
    }
    Referral referral = found.get();
    Duration allowed = draft.allowedFor(referral.getService());
    IndicatorFacts.escalated(draft);
    if (referral.getUnitId().equals(CaseDraft.UNASSIGNED)) {
      referral.setDeadline(draft.now.plus(allowed));
      Reassignment.reassign(draft, referral, allowed);
    } else if (referral.getService() == Service.TAKEDOWN) {
      String eventId = escalate(draft, referral, referral.getUnitId(), EscalationStep.SUPERVISOR_NOTIFIED, null);
      draft.timeline(TimelineEvent.REFERRAL_ESCALATED, referral, eventId);
      draft.closedFor(referral);
      referral.setDeadline(draft.now.plus(allowed));
      Takedowns.send(draft, referral, referral.getUnitId(), Takedowns.platformOf(draft, referral));
    } else {
      draft.closedFor(referral);
      referral.setState(ReferralState.ESCALATED);
      Reassignment.reassign(draft, referral, allowed);
    }
    return true;
  }
}
