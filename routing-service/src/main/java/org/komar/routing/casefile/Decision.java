package org.komar.routing.casefile;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.komar.events.CaseState;
import org.komar.events.OverrideApplied;

/**
 * What the case file decided about one event, for the router to apply whole: the case as every agency now sees
 * it, the events and indicator facts to emit in the order they were decided, the overrides of consent to audit,
 * and how the router's stores change. Nothing in it changes once made.
 *
 * @param inbox places to add (true) or remove (false); a place changed twice keeps its last change
 * @param deadlines deadlines to arm (true) or disarm (false); likewise
 * @param loads the open referrals of each unit whose count changed
 */
public record Decision(CaseState state, List<Routed> emitted, List<OverrideApplied> overrides,
    Map<InboxPlace, Boolean> inbox, Map<Deadline, Boolean> deadlines, Map<String, Integer> loads) {

  public Decision {
    emitted = List.copyOf(emitted);
    overrides = List.copyOf(overrides);
    inbox = ordered(inbox);
    deadlines = ordered(deadlines);
    loads = ordered(loads);
  }

  /** A referral's place in the inbox of the unit that holds it. */
  public record InboxPlace(String unitId, String referralId) {
  }

  /** When a referral must have been accepted; the router escalates it then. */
  public record Deadline(Instant at, String referralId) {
  }

  private static <K, V> Map<K, V> ordered(Map<K, V> changes) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(changes));
  }
}
