package org.komar.routing.casefile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.komar.events.AgencyUnit;
import org.komar.events.EscalationStep;
import org.komar.events.ReferralState;
import org.komar.events.Service;
import org.komar.events.TimelineEvent;
import org.komar.routing.units.TakedownDesks;
import org.komar.routing.units.UnitSelector;

/**
 * A referral that leaves its unit (declined, or its deadline missed) goes to the next suitable unit it was not
 * sent to before, with a new deadline, and the supervisor is told ({@code REASSIGNED}). With no unit left, a late
 * unit keeps it, since it may still accept, and a unit that declined gives it up; either way it is escalated
 * ({@code NO_UNIT_AVAILABLE}).
 */
final class Reassignment {

  private Reassignment() {
  }

  static void reassign(CaseDraft draft, Referral referral, Duration allowed) {
    String from = referral.getUnitId();
    Set<String> asked = draft.unitsAsked(referral);
    List<AgencyUnit> notAsked = draft.directory.stream().filter(unit -> !asked.contains(unit.getUnitId())).toList();
    Optional<String> next = referral.getService() == Service.TAKEDOWN
        ? TakedownDesks.choose(Takedowns.platformOf(draft, referral), notAsked, draft.loads)
        : UnitSelector.choose(referral.getService(), draft.intake, notAsked, draft.loads).unitId();
    referral.setDeadline(draft.now.plus(allowed));
    if (next.isEmpty()) {
      if (!from.equals(CaseDraft.UNASSIGNED) && referral.getState() != ReferralState.DECLINED) {
        // Nobody else can take it: it stays with the late unit, which may still accept, and the supervisor acts.
        draft.keptBy(from, referral);
      } else {
        referral.setUnitId(CaseDraft.UNASSIGNED);
      }
      Escalations.noUnitAvailable(draft, referral);
      return;
    }
    String eventId = Escalations.escalate(draft, referral, from, EscalationStep.REASSIGNED, next.get());
    draft.timeline(TimelineEvent.REFERRAL_REASSIGNED, referral, eventId);
    if (referral.getService() == Service.TAKEDOWN) {
      Takedowns.send(draft, referral, next.get(), Takedowns.platformOf(draft, referral));
    } else {
      Referrals.assign(draft, referral, next.get(), false);
    }
  }
}
