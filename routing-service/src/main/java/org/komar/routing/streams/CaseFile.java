package org.komar.routing.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.komar.events.AgencyUnit;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.EscalationStep;
import org.komar.events.IncidentCategory;
import org.komar.events.Indicator;
import org.komar.events.IntakeReceived;
import org.komar.events.OnlinePlatform;
import org.komar.events.OverrideApplied;
import org.komar.events.ReferralEscalated;
import org.komar.events.ReferralState;
import org.komar.events.ReferralSummary;
import org.komar.events.Service;
import org.komar.events.TimelineEntry;
import org.komar.events.TimelineEvent;
import org.komar.routing.rules.PlannedReferral;
import org.komar.routing.rules.RoutingRule;
import org.komar.routing.rules.RoutingRules;
import org.komar.routing.units.TakedownDesks;
import org.komar.routing.units.UnitSelector;
import org.komar.schemas.Topics;

/**
 * One case while the router works on it: the intake, a working copy of its {@link CaseState}, and what the
 * router decided, as events to emit and changes to its stores, applied by {@link CaseRouter} only once every
 * decision is made. Routing decides on INTERNAL fields only; sealed values pass through unopened.
 *
 * <p>Event ids are derived from the event that caused them, so that working on the same event again yields the
 * same ids and anyone downstream can drop a duplicate.
 */
final class CaseFile {

  /** The unit id of a referral that no unit could take yet; its deadline makes the router try again. */
  static final String UNASSIGNED = "unassigned";

  private static final Set<ReferralState> OPEN = EnumSet.of(ReferralState.REQUESTED, ReferralState.ACCEPTED,
      ReferralState.IN_PROGRESS, ReferralState.ESCALATED);
  private static final Set<ReferralState> AWAITING_ACCEPTANCE = EnumSet.of(ReferralState.REQUESTED,
      ReferralState.ESCALATED);
  private static final Set<ReferralState> ACCEPTED = EnumSet.of(ReferralState.ACCEPTED, ReferralState.IN_PROGRESS);

  final IntakeReceived intake;
  private final CaseState base;
  private final List<Referral> referrals;
  private final List<TimelineEntry> timeline;
  private CaseStatus status;
  private long version;
  private Instant updatedAt;
  private final Instant now;
  private final String cause;
  private final RoutingRules rules;
  private final Collection<AgencyUnit> directory;
  final Map<String, Integer> loads;
  /** The units whose count of open referrals changed. */
  final Set<String> loadsChanged = new java.util.HashSet<>();
  private int sequence;

  final List<Routed> emitted = new ArrayList<>();
  final List<OverrideApplied> overrides = new ArrayList<>();
  /** Inbox keys to add (true) or remove (false). */
  final Map<String, Boolean> inbox = new LinkedHashMap<>();
  /** Deadline keys to arm (true) or disarm (false). */
  final Map<String, Boolean> deadlines = new LinkedHashMap<>();

  CaseFile(IntakeReceived intake, CaseState stored, Instant now, String cause, RoutingRules rules,
      Collection<AgencyUnit> directory, Map<String, Integer> loads) {
    this.intake = intake;
    this.now = now;
    this.cause = cause;
    this.rules = rules;
    this.directory = directory;
    this.loads = loads;
    CaseState base = stored != null ? stored : CaseState.newBuilder()
        .setCaseId(intake.getCaseId()).setCaseReference(intake.getCaseReference()).setUpdatedAt(now)
        .setVersion(0).setStatus(CaseStatus.OPEN).setProvince(intake.getProvince())
        .setRiskLevel(intake.getRiskLevel()).setReferrals(List.of()).setTimeline(List.of()).build();
    this.base = base;
    this.status = base.getStatus();
    this.version = base.getVersion();
    this.updatedAt = base.getUpdatedAt();
    this.referrals = new ArrayList<>(base.getReferrals().stream().map(Referral::new).toList());
    this.timeline = new ArrayList<>(base.getTimeline());
  }

  /** A new intake: every referral the rules call for, and the overrides of consent they record. */
  void route() {
    for (IncidentCategory category : intake.getIncidentCategories()) {
      fact(Indicator.INTAKES, category, 1);
    }
    for (PlannedReferral plan : rules.referralsFor(RoutingRule.Trigger.INTAKE, intake)) {
      if (plan.service() == Service.TAKEDOWN) {
        List<OnlinePlatform> platforms = intake.getPlatforms().isEmpty()
            ? List.of(OnlinePlatform.OTHER) : intake.getPlatforms();
        platforms.forEach(platform -> requestTakedown(plan, platform));
      } else {
        refer(plan);
      }
      if (plan.overridesConsent()) {
        overrides.add(OverrideApplied.newBuilder().setEventId(nextEventId()).setCaseId(intake.getCaseId())
            .setOccurredAt(now).setActorId("routing-service").setRule(plan.rule())
            .setReason("Mandatory report: " + plan.service() + " referral made without the consent it needs")
            .build());
      }
    }
  }

  /** The psychosocial referral was accepted: the follow-up the rules call for, once. */
  void afterCounsellingAccepted() {
    for (PlannedReferral plan : rules.referralsFor(RoutingRule.Trigger.PSYCHOSOCIAL_ACCEPTED, intake)) {
      if (referralOf(plan.service()).isEmpty()) {
        refer(plan);
      }
    }
  }

  private void refer(PlannedReferral plan) {
    String referralId = referralId(plan.service().name());
    Instant deadline = now.plus(plan.deadline());
    Referral summary = new Referral(ReferralSummary.newBuilder().setReferralId(referralId).setService(plan.service())
        .setUnitId(UNASSIGNED).setState(ReferralState.REQUESTED).setPriority(plan.priority())
        .setDeadline(deadline).setUpdatedAt(now).build());
    referrals.add(summary);
    UnitSelector.Choice choice = UnitSelector.choose(plan.service(), intake, directory, loads);
    if (choice.unitId().isEmpty()) {
      noUnitAvailable(summary);
      return;
    }
    assign(summary, choice.unitId().get(), plan.overridesConsent());
    if (choice.tellsSupervisor()) {
      escalation(summary, summary.getUnitId(), EscalationStep.FALLBACK_UNIT, null);
    }
  }

  private void requestTakedown(PlannedReferral plan, OnlinePlatform platform) {
    String requestId = referralId(plan.service().name() + "/" + platform.name());
    Instant deadline = now.plus(plan.deadline());
    Referral summary = new Referral(ReferralSummary.newBuilder().setReferralId(requestId).setService(Service.TAKEDOWN)
        .setUnitId(UNASSIGNED).setState(ReferralState.REQUESTED).setPriority(plan.priority())
        .setDeadline(deadline).setUpdatedAt(now).build());
    referrals.add(summary);
    Optional<String> desk = TakedownDesks.choose(platform, directory, loads);
    if (desk.isEmpty()) {
      noUnitAvailable(summary);
      return;
    }
    sendTakedown(summary, desk.get(), platform);
  }

  private void sendTakedown(Referral summary, String unitId, OnlinePlatform platform) {
    summary.setUnitId(unitId);
    summary.setState(ReferralState.REQUESTED);
    String eventId = nextEventId();
    emitted.add(Routed.to(Topics.TAKEDOWN_REQUESTS, Requests.takedown(intake, eventId, now,
        summary.getReferralId(), platform, unitId, summary.getDeadline())));
    opened(summary, eventId);
  }

  /** Sends the referral to a unit: the request, its place in the unit's inbox and its deadline. */
  private void assign(Referral summary, String unitId, boolean mandatory) {
    summary.setUnitId(unitId);
    summary.setState(ReferralState.REQUESTED);
    summary.setUpdatedAt(now);
    String eventId = nextEventId();
    emitted.add(Routed.to(topicOf(summary.getService()), Requests.referral(intake, eventId, now,
        summary.getReferralId(), summary.getService(), unitId, summary.getPriority(), summary.getDeadline(),
        mandatory)));
    opened(summary, eventId);
  }

  private void opened(Referral summary, String eventId) {
    timeline(TimelineEvent.REFERRAL_REQUESTED, summary, eventId);
    inbox.put(inboxKey(summary.getUnitId(), summary), true);
    deadlines.put(deadlineKey(summary), true);
    load(summary.getUnitId(), 1);
  }

  private void closedFor(Referral summary) {
    inbox.put(inboxKey(summary.getUnitId(), summary), false);
    deadlines.put(deadlineKey(summary), false);
    load(summary.getUnitId(), -1);
  }

  private void noUnitAvailable(Referral summary) {
    summary.setState(ReferralState.ESCALATED);
    String eventId = escalation(summary, summary.getUnitId(), EscalationStep.NO_UNIT_AVAILABLE, null);
    timeline(TimelineEvent.REFERRAL_ESCALATED, summary, eventId);
    // Try again when the deadline passes: a unit may have become free or been added.
    deadlines.put(deadlineKey(summary), true);
  }

  private String escalation(Referral summary, String unitId, EscalationStep step, String nextUnitId) {
    String eventId = nextEventId();
    emitted.add(Routed.to(Topics.ESCALATIONS, ReferralEscalated.newBuilder().setEventId(eventId)
        .setCaseId(intake.getCaseId()).setOccurredAt(now).setReferralId(summary.getReferralId())
        .setService(summary.getService()).setUnitId(unitId).setDeadline(summary.getDeadline()).setStep(step)
        .setNextUnitId(nextUnitId).build()));
    return eventId;
  }

  /** The unit accepted the referral. */
  void accepted(String referralId, String unitId, String eventId, boolean femaleOfficerAssigned) {
    Referral summary = referralWith(referralId, unitId, ReferralAction.ACCEPT);
    boolean first = referrals.stream().noneMatch(referral -> ACCEPTED.contains(referral.getState())
        || referral.getState() == ReferralState.COMPLETED);
    deadlines.put(deadlineKey(summary), false);
    change(summary, ReferralState.ACCEPTED, TimelineEvent.REFERRAL_ACCEPTED, eventId);
    status = (CaseStatus.IN_PROGRESS);
    if (first) {
      long minutes = Duration.between(intake.getOccurredAt(), now).toMinutes();
      fact(Indicator.TIME_TO_FIRST_ACCEPTANCE, null, Math.max(0, minutes));
    }
    if (Boolean.TRUE.equals(intake.getPreferences().getFemaleOfficer()) && summary.getService() != Service.TAKEDOWN) {
      fact(Indicator.FEMALE_OFFICER_REQUESTS_MET, null, femaleOfficerAssigned ? 1 : 0);
    }
    if (summary.getService() == Service.PSYCHOSOCIAL) {
      afterCounsellingAccepted();
    }
  }

  /** The unit declined: the referral goes to the next suitable unit, or to a supervisor if there is none. */
  void declined(String referralId, String unitId, String eventId) {
    Referral summary = referralWith(referralId, unitId, ReferralAction.DECLINE);
    closedFor(summary);
    change(summary, ReferralState.DECLINED, TimelineEvent.REFERRAL_DECLINED, eventId);
    reassign(summary, planFor(summary.getService()).map(PlannedReferral::deadline).orElse(Duration.ofHours(24)));
  }

  void progressed(String referralId, String unitId, String eventId) {
    Referral summary = referralWith(referralId, unitId, ReferralAction.PROGRESS);
    change(summary, ReferralState.IN_PROGRESS, TimelineEvent.REFERRAL_PROGRESSED, eventId);
  }

  void completed(String referralId, String unitId, String eventId, boolean contentRemoved) {
    Referral summary = referralWith(referralId, unitId, ReferralAction.COMPLETE);
    closedFor(summary);
    change(summary, ReferralState.COMPLETED, TimelineEvent.REFERRAL_COMPLETED, eventId);
    if (summary.getService() == Service.TAKEDOWN && contentRemoved) {
      fact(Indicator.TAKEDOWNS_COMPLETED, null, 1);
    }
    if (referrals.stream().noneMatch(referral -> OPEN.contains(referral.getState()))) {
      status = (CaseStatus.CLOSED);
    }
  }

  /** An agency unit was told of the case, or could not be told; recorded in the timeline only. */
  boolean notified(String unitId, String eventId, boolean delivered) {
    Optional<Referral> summary = referrals.stream()
        .filter(referral -> referral.getUnitId().equals(unitId) && OPEN.contains(referral.getState()))
        .findFirst();
    summary.ifPresent(referral -> timeline(
        delivered ? TimelineEvent.AGENCY_NOTIFIED : TimelineEvent.NOTIFICATION_FAILED, referral, eventId));
    return summary.isPresent();
  }

  /**
   * The deadline of a referral passed without an acceptance: the supervisor is told and the referral goes to the
   * next suitable unit; a take-down request is sent again to its desk. Returns false for a deadline that no
   * longer applies (accepted meanwhile, or moved).
   */
  boolean expired(String referralId, Instant deadline) {
    Optional<Referral> found = referral(referralId);
    if (found.isEmpty() || !AWAITING_ACCEPTANCE.contains(found.get().getState())
        || !found.get().getDeadline().equals(deadline)) {
      return false;
    }
    Referral summary = found.get();
    Duration allowed = planFor(summary.getService()).map(PlannedReferral::deadline).orElse(Duration.ofHours(24));
    fact(Indicator.REFERRALS_ESCALATED, null, 1);
    if (summary.getUnitId().equals(UNASSIGNED)) {
      summary.setDeadline(now.plus(allowed));
      reassign(summary, allowed);
    } else if (summary.getService() == Service.TAKEDOWN) {
      String eventId = escalation(summary, summary.getUnitId(), EscalationStep.SUPERVISOR_NOTIFIED, null);
      timeline(TimelineEvent.REFERRAL_ESCALATED, summary, eventId);
      closedFor(summary);
      summary.setDeadline(now.plus(allowed));
      sendTakedown(summary, summary.getUnitId(), platformOf(summary));
    } else {
      closedFor(summary);
      summary.setState(ReferralState.ESCALATED);
      reassign(summary, allowed);
    }
    return true;
  }

  private void reassign(Referral summary, Duration allowed) {
    String from = summary.getUnitId();
    Set<String> tried = timeline.stream()
        .filter(entry -> entry.getReferralId().equals(summary.getReferralId())
            && entry.getEvent() == TimelineEvent.REFERRAL_REQUESTED)
        .map(TimelineEntry::getUnitId).collect(Collectors.toSet());
    List<AgencyUnit> untried = directory.stream().filter(unit -> !tried.contains(unit.getUnitId())).toList();
    Optional<String> next = summary.getService() == Service.TAKEDOWN
        ? TakedownDesks.choose(platformOf(summary), untried, loads)
        : UnitSelector.choose(summary.getService(), intake, untried, loads).unitId();
    summary.setDeadline(now.plus(allowed));
    if (next.isEmpty()) {
      if (!from.equals(UNASSIGNED) && summary.getState() != ReferralState.DECLINED) {
        // Nobody else can take it: it stays with the late unit, which may still accept, and the supervisor acts.
        inbox.put(inboxKey(from, summary), true);
        load(from, 1);
      } else {
        summary.setUnitId(UNASSIGNED);
      }
      noUnitAvailable(summary);
      return;
    }
    String eventId = escalation(summary, from, EscalationStep.REASSIGNED, next.get());
    timeline(TimelineEvent.REFERRAL_REASSIGNED, summary, eventId);
    if (summary.getService() == Service.TAKEDOWN) {
      sendTakedown(summary, next.get(), platformOf(summary));
    } else {
      assign(summary, next.get(), false);
    }
  }

  private Referral referralWith(String referralId, String unitId, ReferralAction action) {
    Referral summary = referral(referralId).orElseThrow(() -> new RoutingException(
        "Referral " + referralId + " is not a referral of case " + intake.getCaseId()));
    if (!summary.getUnitId().equals(unitId)) {
      throw new RoutingException("Referral " + referralId + " is with unit " + summary.getUnitId()
          + ", not " + unitId + ", which " + action.pastTense() + " it");
    }
    if (!action.allowedIn(summary.getState())) {
      throw new RoutingException("Referral " + referralId + " is " + summary.getState() + " and cannot be "
          + action.pastTense() + " now");
    }
    return summary;
  }

  private void change(Referral summary, ReferralState to, TimelineEvent event, String eventId) {
    summary.setState(to);
    summary.setUpdatedAt(now);
    timeline(event, summary, eventId);
  }

  private void timeline(TimelineEvent event, Referral summary, String eventId) {
    timeline.add(TimelineEntry.newBuilder().setAt(now).setEvent(event).setState(summary.getState())
        .setReferralId(summary.getReferralId()).setUnitId(summary.getUnitId()).setEventId(eventId).build());
  }

  private void load(String unitId, int delta) {
    if (!unitId.equals(UNASSIGNED)) {
      loads.merge(unitId, delta, (open, change) -> Math.max(0, open + change));
      loadsChanged.add(unitId);
    }
  }

  /** One more version of the case state, once per event worked on. */
  void touch() {
    version++;
    updatedAt = now;
  }

  /** The case as every agency sees it now. */
  CaseState state() {
    return CaseState.newBuilder(base).setStatus(status).setVersion(version).setUpdatedAt(updatedAt)
        .setReferrals(referrals.stream().map(Referral::summary).toList()).setTimeline(List.copyOf(timeline))
        .build();
  }

  /** A referral being worked on; {@link ReferralSummary} is immutable. */
  static final class Referral {

    private final String referralId;
    private final Service service;
    private final int priority;
    private String unitId;
    private ReferralState state;
    private Instant deadline;
    private Instant updatedAt;

    Referral(ReferralSummary summary) {
      referralId = summary.getReferralId();
      service = summary.getService();
      priority = summary.getPriority();
      unitId = summary.getUnitId();
      state = summary.getState();
      deadline = summary.getDeadline();
      updatedAt = summary.getUpdatedAt();
    }

    ReferralSummary summary() {
      return new ReferralSummary(referralId, service, unitId, state, priority, deadline, updatedAt);
    }

    String getReferralId() {
      return referralId;
    }

    Service getService() {
      return service;
    }

    int getPriority() {
      return priority;
    }

    String getUnitId() {
      return unitId;
    }

    void setUnitId(String unitId) {
      this.unitId = unitId;
    }

    ReferralState getState() {
      return state;
    }

    void setState(ReferralState state) {
      this.state = state;
    }

    Instant getDeadline() {
      return deadline;
    }

    void setDeadline(Instant deadline) {
      this.deadline = deadline;
    }

    void setUpdatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
    }
  }

  private void fact(Indicator indicator, IncidentCategory category, long sample) {
    emitted.add(new Routed.Fact(indicator, intake.getProvince(), category, sample));
  }

  Optional<Referral> referral(String referralId) {
    return referrals.stream().filter(referral -> referral.getReferralId().equals(referralId)).findFirst();
  }

  private Optional<Referral> referralOf(Service service) {
    return referrals.stream().filter(referral -> referral.getService() == service).findFirst();
  }

  private Optional<PlannedReferral> planFor(Service service) {
    return java.util.stream.Stream.of(RoutingRule.Trigger.values())
        .flatMap(trigger -> rules.referralsFor(trigger, intake).stream())
        .filter(plan -> plan.service() == service).findFirst();
  }

  private OnlinePlatform platformOf(Referral takedown) {
    return intake.getPlatforms().stream()
        .filter(platform -> referralId(Service.TAKEDOWN.name() + "/" + platform.name())
            .equals(takedown.getReferralId()))
        .findFirst().orElse(OnlinePlatform.OTHER);
  }

  private String referralId(String what) {
    return UUID.nameUUIDFromBytes((intake.getCaseId() + "/" + what).getBytes(StandardCharsets.UTF_8)).toString();
  }

  String nextEventId() {
    return UUID.nameUUIDFromBytes((cause + "#" + sequence++).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static org.komar.schemas.Topic<String, org.komar.events.ReferralRequested> topicOf(Service service) {
    return switch (service) {
      case POLICE -> Topics.REFERRALS_POLICE;
      case PSYCHOSOCIAL -> Topics.REFERRALS_PSYCHOSOCIAL;
      case FOLLOW_UP -> Topics.REFERRALS_FOLLOW_UP;
      case TAKEDOWN -> throw new IllegalArgumentException("Take-down requests have their own topic");
    };
  }

  static String inboxKey(String unitId, Referral summary) {
    return unitId + "|" + summary.getReferralId();
  }

  static String deadlineKey(Referral summary) {
    return String.format("%013d|%s", summary.getDeadline().toEpochMilli(), summary.getReferralId());
  }
}
