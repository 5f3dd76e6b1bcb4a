package org.komar.routing.casefile;

import org.komar.events.CaseStatus;
import org.komar.events.TimelineEvent;

/**
 * A case the vault crypto-shredded: nothing sealed of it opens any more, so no unit can work on it. Every open
 * referral leaves its unit's inbox, its deadline is disarmed (no escalation follows), and the case is ERASED in every
 * agency's view, with the erasure in each open referral's timeline. Referral states stay as they were: the record of
 * what each unit had done is kept, without the child.
 */
final class Erasures {

  private Erasures() {
  }

  /** False if the case was erased before: an erasure told again changes nothing. */
  static boolean erased(CaseDraft draft, String eventId) {
    if (draft.status() == CaseStatus.ERASED) {
      return false;
    }
    for (Referral referral : draft.referrals()) {
      if (CaseDraft.OPEN.contains(referral.getState())) {
        draft.closedFor(referral);
        draft.timeline(TimelineEvent.CASE_ERASED, referral, eventId);
      }
    }
    draft.status(CaseStatus.ERASED);
    return true;
  }
}
