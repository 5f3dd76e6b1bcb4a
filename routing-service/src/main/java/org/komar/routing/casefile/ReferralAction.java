package org.komar.routing.casefile;

import java.util.EnumSet;
import java.util.Set;
import org.komar.events.ReferralState;

/**
 * What a unit may do with a referral it holds, and in which states: accept or decline it while it waits for an
 * answer, record progress on it or complete it once accepted. The API checks it before publishing; the router
 * checks it again, since the API's view may be a moment old.
 */
public enum ReferralAction {
  ACCEPT("accepted", EnumSet.of(ReferralState.REQUESTED, ReferralState.ESCALATED)),
  DECLINE("declined", EnumSet.of(ReferralState.REQUESTED, ReferralState.ESCALATED)),
  PROGRESS("progressed", EnumSet.of(ReferralState.ACCEPTED, ReferralState.IN_PROGRESS)),
  COMPLETE("completed", EnumSet.of(ReferralState.ACCEPTED, ReferralState.IN_PROGRESS));

  private final String pastTense;
  private final Set<ReferralState> allowedIn;

  ReferralAction(String pastTense, Set<ReferralState> allowedIn) {
    this.pastTense = pastTense;
    this.allowedIn = allowedIn;
  }

  public boolean allowedIn(ReferralState state) {
    return allowedIn.contains(state);
  }

  public String pastTense() {
    return pastTense;
  }
}
