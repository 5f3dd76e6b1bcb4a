package org.komar.notification.plan;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.komar.schemas.reporter.ReporterStatus;
import org.komar.schemas.reporter.ReporterTexts;

/**
 * Every message Komar sends, and the INTERNAL variables each may use. A message to a reporter tells a
 * {@link ReporterStatus}; its text is that status's in schemas' {@link ReporterTexts}, the one intake's status
 * check answers with, and its only variable is the report's reference.
 */
public enum Template {
  REFERRAL_REQUESTED(Set.of("caseReference", "referralId", "service", "priority", "deadline", "link")),
  TAKEDOWN_REQUESTED(Set.of("requestId", "platform", "deadline", "link")),
  REFERRAL_ESCALATED(Set.of("referralId", "service", "unitId", "step", "nextUnitId", "link")),
  REPORT_RECEIVED(ReporterStatus.RECEIVED),
  REPORT_IN_PROGRESS(ReporterStatus.IN_PROGRESS),
  REPORT_CLOSED(ReporterStatus.CLOSED);

  private final Set<String> variables;
  private final ReporterStatus reporterStatus;

  Template(Set<String> variables) {
    this.variables = variables;
    this.reporterStatus = null;
  }

  Template(ReporterStatus reporterStatus) {
    this.variables = Set.of(ReporterTexts.VARIABLE);
    this.reporterStatus = reporterStatus;
  }

  public Set<String> variables() {
    return variables;
  }

  /** The status a message to a reporter tells; empty for a message to an agency. */
  public Optional<ReporterStatus> reporterStatus() {
    return Optional.ofNullable(reporterStatus);
  }

  /** The message that tells a reporter of {@code status}. */
  public static Template toReporter(ReporterStatus status) {
    return Arrays.stream(values()).filter(template -> template.reporterStatus == status).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("A reporter is sent no message for " + status));
  }
}
