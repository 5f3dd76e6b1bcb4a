package org.komar.routing.casefile;

import org.komar.events.EscalationStep;
import org.komar.events.ReferralRequested;
import org.komar.events.ReferralState;
import org.komar.events.Service;
import org.komar.routing.rules.PlannedReferral;
import org.komar.routing.rules.RoutingRule;
import org.komar.routing.units.UnitSelector;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;

/**
 * Referrals to the units that meet the child (police, counselling, follow-up): each goes to the unit
 * {@link UnitSelector} chooses, with only the sealed fields that service may open ({@link Requests}). A unit
 * found outside the child's province is a supervisor's business ({@code FALLBACK_UNIT}); no unit at all is an
 * escalation at once. The follow-up the rules call for after a counsellor's acceptance is asked once.
 */
final class Referrals {

  private Referrals() {
  }

  static void refer(CaseDraft draft, PlannedReferral plan) {
    Referral referral = draft.newReferral(draft.referralId(plan.service().name()), plan.service(), plan);
    UnitSelector.Choice choice = UnitSelector.choose(plan.service(), draft.intake, draft.directory, draft.loads);
    if (choice.unitId().isEmpty()) {
      Escalations.noUnitAvailable(draft, referral);
      return;
    }
    assign(draft, referral, choice.unitId().get(), plan.overridesConsent());
    if (choice.tellsSupervisor()) {
      Escalations.escalate(draft, referral, referral.getUnitId(), EscalationStep.FALLBACK_UNIT, null);
    }
  }

  /** The psychosocial referral was accepted: the follow-up the rules call for, once. */
  static void afterCounsellingAccepted(CaseDraft draft) {
    for (PlannedReferral plan : draft.rules.referralsFor(RoutingRule.Trigger.PSYCHOSOCIAL_ACCEPTED, draft.intake)) {
      if (draft.referralOf(plan.service()).isEmpty()) {
        refer(draft, plan);
      }
    }
  }

  /** Sends the referral to a unit: the request, its place in the unit's inbox and its deadline. */
  static void assign(CaseDraft draft, Referral referral, String unitId, boolean mandatory) {
    referral.setUnitId(unitId);
    referral.setState(ReferralState.REQUESTED);
    referral.setUpdatedAt(draft.now);
    String eventId = draft.nextEventId();
    draft.emit(Routed.to(topicOf(referral.getService()), Requests.referral(draft.intake, eventId, draft.now,
        referral.getReferralId(), referral.getService(), unitId, referral.getPriority(), referral.getDeadline(),
        mandatory)));
    draft.opened(referral, eventId);
  }

  private static Topic<String, ReferralRequested> topicOf(Service service) {
    return switch (service) {
      case POLICE -> Topics.REFERRALS_POLICE;
      case PSYCHOSOCIAL -> Topics.REFERRALS_PSYCHOSOCIAL;
      case FOLLOW_UP -> Topics.REFERRALS_FOLLOW_UP;
      case TAKEDOWN -> throw new IllegalArgumentException("Take-down requests have their own topic");
    };
  }
}
