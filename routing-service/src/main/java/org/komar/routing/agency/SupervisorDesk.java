package org.komar.routing.agency;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.komar.events.AgencyUnit;
import org.komar.events.TimelineEvent;
import org.komar.routing.runtime.CaseStores;

/**
 * What a supervisor must act on among the referrals this instance keeps: the open referrals of the units they
 * supervise that were escalated (a deadline missed) or reassigned (declined, or taken from a late unit), each
 * with the last of those steps in its case's timeline.
 */
@Singleton
public final class SupervisorDesk {

  /** What happened to a referral that a supervisor must know of, in its case's timeline. */
  private static final Set<TimelineEvent> NEEDS_A_SUPERVISOR = Set.of(TimelineEvent.REFERRAL_ESCALATED,
      TimelineEvent.REFERRAL_REASSIGNED);

  /** An open referral a supervisor must act on, and why. */
  public record Concern(TimelineEvent reason, CaseStores.InboxEntry referral) {
  }

  private final CaseStores stores;

  SupervisorDesk(CaseStores stores) {
    this.stores = stores;
  }

  /** The concerns among the open referrals of these units that this instance keeps. */
  public List<Concern> concerns(List<AgencyUnit> supervised) {
    List<Concern> concerns = new ArrayList<>();
    for (AgencyUnit unit : supervised) {
      for (CaseStores.InboxEntry entry : stores.localInbox(unit.getUnitId())) {
        entry.state().getTimeline().stream()
            .filter(step -> step.getReferralId().equals(entry.referralId())
                && NEEDS_A_SUPERVISOR.contains(step.getEvent()))
            .reduce((first, second) -> second)
            .ifPresent(step -> concerns.add(new Concern(step.getEvent(), entry)));
      }
    }
    return concerns;
  }
}
