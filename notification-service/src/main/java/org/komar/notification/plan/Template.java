package org.komar.notification.plan;

import java.util.Set;

/** Every message Komar sends, and the INTERNAL variables each may use. */
public enum Template {
  REFERRAL_REQUESTED(Set.of("caseReference", "referralId", "service", "priority", "deadline", "inboxLink")),
  TAKEDOWN_REQUESTED(Set.of("requestId", "platform", "deadline", "inboxLink")),
  REFERRAL_ESCALATED(Set.of("referralId", "service", "unitId", "step", "nextUnitId", "inboxLink")),
  REPORT_RECEIVED(Set.of("caseReference")),
  REPORT_IN_PROGRESS(Set.of("caseReference")),
  REPORT_CLOSED(Set.of("caseReference"));

  private final Set<String> variables;

  Template(Set<String> variables) {
    this.variables = variables;
  }

  public Set<String> variables() {
    return variables;
  }
}
