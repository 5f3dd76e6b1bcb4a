package org.komar.notification.plan;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.komar.events.AgencyUnit;
import org.komar.events.Language;
import org.komar.events.NotificationChannel;
import org.komar.events.Recipient;
import org.komar.events.ReferralEscalated;
import org.komar.events.ReferralRequested;
import org.komar.events.ReporterMessages;
import org.komar.events.TakedownRequested;
import org.komar.notification.directory.AgencyDirectory;
import org.komar.schemas.reporter.ReporterStatus;

/**
 * Who must be told what: the unit a referral or take-down request goes to, over every channel the directory
 * gives it; the supervisor of a unit whose referral escalated (or, for a unit without one, the national units of
 * that service); and reporters, in simple words with no case detail. Messages carry INTERNAL values only: the
 * case reference, ids, service, priority, deadline and a link to the console's page for the work (the case, or the
 * supervisor's page; {@code CONSOLE_URL}), never a sealed field.
 */
@Singleton
public final class NotificationPlanner {

  /** Deadlines are written in Cambodia's time. */
  private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'ICT'")
      .withZone(ZoneId.of("Asia/Phnom_Penh"));

  private final AgencyDirectory directory;
  private final String console;

  public NotificationPlanner(AgencyDirectory directory, @Value("${komar.notification.console-url}") String console) {
    this.directory = directory;
    this.console = console.endsWith("/") ? console.substring(0, console.length() - 1) : console;
  }

  /** The console's page of a case, where the unit acts on its referral (after signing in). */
  private String caseLink(String caseId) {
    return console + "/cases/" + caseId;
  }

  /** The messages, and the units that could not be reached because the directory gives them no channel. */
  public record Plan(List<PlannedDelivery> deliveries, List<String> unreachableUnits) {
  }

  public Plan forReferral(ReferralRequested referral) {
    return toUnits(Recipient.AGENCY_UNIT, List.of(referral.getUnitId()), Template.REFERRAL_REQUESTED, Map.of(
        "caseReference", referral.getCaseReference(), "referralId", referral.getReferralId(),
        "service", referral.getService().name(), "priority", Integer.toString(referral.getPriority()),
        "deadline", deadline(referral.getDeadline()), "link", caseLink(referral.getCaseId())));
  }

  public Plan forTakedown(TakedownRequested request) {
    return toUnits(Recipient.AGENCY_UNIT, List.of(request.getUnitId()), Template.TAKEDOWN_REQUESTED, Map.of(
        "requestId", request.getRequestId(), "platform", request.getPlatform().name(),
        "deadline", deadline(request.getDeadline()), "link", caseLink(request.getCaseId())));
  }

  /**
   * Who hears of an escalation: the supervisor unit of the unit that escalated; a unit without one, that service's
   * national units (those with no supervisor of their own).
   */
  public List<String> supervisorsOf(ReferralEscalated escalation) {
    return directory.unit(escalation.getUnitId())
        .map(AgencyUnit::getSupervisorUnitId)
        .map(List::of)
        .orElseGet(() -> directory.all().stream()
            .filter(unit -> unit.getService() == escalation.getService() && unit.getSupervisorUnitId() == null)
            .map(AgencyUnit::getUnitId).sorted().toList());
  }

  /** The escalation, told to {@code supervisors} at once. */
  public Plan forEscalation(ReferralEscalated escalation, List<String> supervisors) {
    return toUnits(Recipient.SUPERVISOR, supervisors, Template.REFERRAL_ESCALATED, Map.of(
        "referralId", escalation.getReferralId(), "service", escalation.getService().name(),
        "unitId", escalation.getUnitId(), "step", escalation.getStep().name(),
        "nextUnitId", escalation.getNextUnitId() == null ? "-" : escalation.getNextUnitId(),
        "link", console + "/supervision"));
  }

  /**
   * One message to a supervisor for the escalations of a period: how many, and the counts by unit and reason
   * ({@code summary}), with a link to the console's supervisor page.
   */
  public Plan escalationDigest(String supervisor, int count, String summary, String period) {
    return toUnits(Recipient.SUPERVISOR, List.of(supervisor), Template.ESCALATION_DIGEST, Map.of(
        "count", Integer.toString(count), "summary", summary, "period", period, "link", console + "/supervision"));
  }

  /** A message to the reporter, by SMS; their number is opened from the vault only when it is sent. */
  public PlannedDelivery toReporter(ReporterStatus status, ReporterMessages messages, @Nullable String caseReference,
      Language language) {
    Template template = Template.toReporter(status, messages);
    // A discreet message is given no reference at all: what is not in the row cannot be sent.
    Map<String, String> variables = template.variables().isEmpty() ? Map.of() : Map.of("caseReference", caseReference);
    return new PlannedDelivery(Recipient.REPORTER, null, NotificationChannel.SMS, null, PlannedDelivery.SMS_LANE,
        template, Templates.languageFor(language), variables);
  }

  private Plan toUnits(Recipient recipient, List<String> unitIds, Template template,
      Map<String, String> variables) {
    List<PlannedDelivery> deliveries = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    for (String unitId : unitIds) {
      List<PlannedDelivery> forUnit = directory.unit(unitId)
          .map(unit -> channelsOf(recipient, unit, template, variables))
          .orElse(List.of());
      if (forUnit.isEmpty()) {
        unreachable.add(unitId);
      }
      deliveries.addAll(forUnit);
    }
    return new Plan(deliveries, unreachable);
  }

  private static List<PlannedDelivery> channelsOf(Recipient recipient, AgencyUnit unit, Template template,
      Map<String, String> variables) {
    Language language = unit.getLanguages().contains(Language.KHMER) ? Language.KHMER : Language.ENGLISH;
    Map<String, String> all = new HashMap<>(variables);
    List<PlannedDelivery> deliveries = new ArrayList<>();
    if (unit.getWebhookUrl() != null) {
      deliveries.add(new PlannedDelivery(recipient, unit.getUnitId(), NotificationChannel.WEBHOOK,
          unit.getWebhookUrl(), unit.getWebhookUrl(), template, language, all));
    }
    if (unit.getSmsNumber() != null) {
      deliveries.add(new PlannedDelivery(recipient, unit.getUnitId(), NotificationChannel.SMS,
          unit.getSmsNumber(), PlannedDelivery.SMS_LANE, template, language, all));
    }
    if (unit.getEmail() != null) {
      deliveries.add(new PlannedDelivery(recipient, unit.getUnitId(), NotificationChannel.EMAIL,
          unit.getEmail(), PlannedDelivery.EMAIL_LANE, template, language, all));
    }
    return deliveries;
  }

  static String deadline(Instant deadline) {
    return DEADLINE.format(deadline);
  }
}
