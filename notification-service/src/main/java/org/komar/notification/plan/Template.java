package org.komar.notification.plan;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.komar.events.ReporterMessages;
import org.komar.schemas.reporter.ReporterStatus;
import org.komar.schemas.reporter.ReporterTexts;

/**
 * Every message Komar sends, and the INTERNAL variables each may use. A message to a reporter tells a
 * {@link ReporterStatus} in the words the reporter chose ({@link ReporterMessages}): its text is schemas'
 * {@link ReporterTexts#sent}. With their reference, it is the text intake's status check answers with, and its only
 * variable is the report's reference; discreet (the default), it has no variable at all, so a discreet message
 * cannot carry the reference even by mistake.
 */
public enum Template {
  REFERRAL_REQUESTED(Set.of("caseReference", "referralId", "service", "priority", "deadline", "link")),
  TAKEDOWN_REQUESTED(Set.of("requestId", "platform", "deadline", "link")),
  REFERRAL_ESCALATED(Set.of("referralId", "service", "unitId", "step", "nextUnitId", "link")),
  ESCALATION_DIGEST(Set.of("count", "summary", "period", "link")),
  REPORT_RECEIVED(ReporterStatus.RECEIVED, ReporterMessages.WITH_REFERENCE),
  REPORT_IN_PROGRESS(ReporterStatus.IN_PROGRESS, ReporterMessages.WITH_REFERENCE),
  REPORT_CLOSED(ReporterStatus.CLOSED, ReporterMessages.WITH_REFERENCE),
  DISCREET_RECEIVED(ReporterStatus.RECEIVED, ReporterMessages.DISCREET),
  DISCREET_IN_PROGRESS(ReporterStatus.IN_PROGRESS, ReporterMessages.DISCREET),
  DISCREET_CLOSED(ReporterStatus.CLOSED, ReporterMessages.DISCREET);

  private final Set<String> variables;
  private final ReporterStatus reporterStatus;
  private final ReporterMessages reporterMessages;

  Template(Set<String> variables) {
    this.variables = variables;
    this.reporterStatus = null;
    this.reporterMessages = null;
  }

  Template(ReporterStatus reporterStatus, ReporterMessages reporterMessages) {
    this.variables = reporterMessages == ReporterMessages.WITH_REFERENCE ? Set.of(ReporterTexts.VARIABLE) : Set.of();
    this.reporterStatus = reporterStatus;
    this.reporterMessages = reporterMessages;
  }

  public Set<String> variables() {
    return variables;
  }

  /** The status a message to a reporter tells; empty for a message to an agency. */
  public Optional<ReporterStatus> reporterStatus() {
    return Optional.ofNullable(reporterStatus);
  }

  /** The words of a message to a reporter; empty for a message to an agency. */
  public Optional<ReporterMessages> reporterMessages() {
    return Optional.ofNullable(reporterMessages);
  }

  /** The message that tells a reporter of {@code status}, in the words they chose. */
  public static Template toReporter(ReporterStatus status, ReporterMessages messages) {
    return Arrays.stream(values())
        .filter(template -> template.reporterStatus == status && template.reporterMessages == messages).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("A reporter is sent no message for " + status));
  }
}
