package org.komar.routing.casefile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.komar.events.AgencyUnit;
import org.komar.events.CaseLink;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.IntakeReceived;
import org.komar.events.OverrideApplied;
import org.komar.events.ReferralState;
import org.komar.events.ReferralSummary;
import org.komar.events.Service;
import org.komar.events.TimelineEntry;
import org.komar.events.TimelineEvent;
import org.komar.routing.rules.PlannedReferral;
import org.komar.routing.rules.RoutingRule;
import org.komar.routing.rules.RoutingRules;

/**
 * One case while the case file decides what one event does to it: a working copy of its {@link CaseState}
 * (referrals, timeline, status), the units' open referrals as they change, and what is decided so far. It lives
 * for that one event and hands over an immutable {@link Decision}.
 *
 * <p>Event ids are derived from the event that caused them, so that deciding on the same event again yields the
 * same ids and anyone downstream can drop a duplicate.
 */
final class CaseDraft {

  /** The unit id of a referral that no unit could take yet; its deadline makes the router try again. */
  static final String UNASSIGNED = "unassigned";
  static final Set<ReferralState> OPEN = EnumSet.of(ReferralState.REQUESTED, ReferralState.ACCEPTED,
      ReferralState.IN_PROGRESS, ReferralState.ESCALATED);

  final IntakeReceived intake;
  final Instant now;
  final RoutingRules rules;
  final Collection<AgencyUnit> directory;
  /** Open referrals per unit, changed as referrals open and close, so that each choice sees the ones before. */
  final Map<String, Integer> loads;
  private final String cause;
  private int sequence;
  private final CaseState base;
  private final List<Referral> referrals;
  private final List<TimelineEntry> timeline;
  private final List<CaseLink> links;
  private CaseStatus status;
  private final List<Routed> emitted = new ArrayList<>();
  private final List<OverrideApplied> overrides = new ArrayList<>();
  private final Map<Decision.InboxPlace, Boolean> inbox = new LinkedHashMap<>();
  private final Map<Decision.Deadline, Boolean> deadlines = new LinkedHashMap<>();
  private final Set<String> loadsChanged = new LinkedHashSet<>();

  CaseDraft(IntakeReceived intake, CaseState stored, Instant now, String cause, RoutingRules rules,
      Collection<AgencyUnit> directory, Map<String, Integer> loads) {
    this.intake = intake;
    this.now = now;
    this.cause = cause;
    this.rules = rules;
    this.directory = directory;
    this.loads = new HashMap<>(loads);
    this.base = stored != null ? stored : CaseState.newBuilder()
        .setCaseId(intake.getCaseId()).setCaseReference(intake.getCaseReference()).setUpdatedAt(now)
        .setVersion(0).setStatus(CaseStatus.OPEN).setProvince(intake.getProvince())
        .setRiskLevel(intake.getRiskLevel()).setReferrals(List.of()).setTimeline(List.of()).build();
    this.status = base.getStatus();
    this.referrals = new ArrayList<>(base.getReferrals().stream().map(Referral::new).toList());
    this.timeline = new ArrayList<>(base.getTimeline());
    this.links = new ArrayList<>(base.getLinks());
  }

  /** What was decided, with the case one version on. */
  Decision decision() {
    CaseState state = CaseState.newBuilder(base).setStatus(status).setVersion(base.getVersion() + 1)
        .setUpdatedAt(now).setReferrals(referrals.stream().map(Referral::summary).toList())
        .setTimeline(List.copyOf(timeline)).setLinks(List.copyOf(links)).build();
    Map<String, Integer> changedLoads = new LinkedHashMap<>();
    loadsChanged.forEach(unitId -> changedLoads.put(unitId, loads.get(unitId)));
    return new Decision(state, emitted, overrides, inbox, deadlines, changedLoads);
  }

  String nextEventId() {
    return UUID.nameUUIDFromBytes((cause + "#" + sequence++).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The id of what the case asks of a service (or of a service on one platform), the same each time. */
  String referralId(String what) {
    return UUID.nameUUIDFromBytes((intake.getCaseId() + "/" + what).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** A new referral the plan calls for, with no unit yet. */
  Referral newReferral(String referralId, Service service, PlannedReferral plan) {
    Referral referral = new Referral(ReferralSummary.newBuilder().setReferralId(referralId).setService(service)
        .setUnitId(UNASSIGNED).setState(ReferralState.REQUESTED).setPriority(plan.priority())
        .setDeadline(now.plus(plan.deadline())).setUpdatedAt(now).build());
    referrals.add(referral);
    return referral;
  }

  Optional<Referral> referral(String referralId) {
    return referrals.stream().filter(referral -> referral.getReferralId().equals(referralId)).findFirst();
  }

  Optional<Referral> referralOf(Service service) {
    return referrals.stream().filter(referral -> referral.getService() == service).findFirst();
  }

  /** The first open referral the unit holds. */
  Optional<Referral> openReferralOf(String unitId) {
    return referrals.stream()
        .filter(referral -> referral.getUnitId().equals(unitId) && OPEN.contains(referral.getState()))
        .findFirst();
  }

  boolean anyReferral(Predicate<Referral> test) {
    return referrals.stream().anyMatch(test);
  }

  /** The units a referral was ever sent to. */
  Set<String> unitsAsked(Referral referral) {
    return timeline.stream()
        .filter(entry -> entry.getReferralId().equals(referral.getReferralId())
            && entry.getEvent() == TimelineEvent.REFERRAL_REQUESTED)
        .map(TimelineEntry::getUnitId).collect(Collectors.toSet());
  }

  /** How long a unit has to accept a referral of this service. */
  Duration allowedFor(Service service) {
    return Stream.of(RoutingRule.Trigger.values())
        .flatMap(trigger -> rules.referralsFor(trigger, intake).stream())
        .filter(plan -> plan.service() == service).findFirst()
        .map(PlannedReferral::deadline).orElse(Duration.ofHours(24));
  }

  /** Links the case to another that reported the same content; false if it was linked to it already. */
  boolean link(CaseLink link) {
    if (links.stream().anyMatch(known -> known.getCaseId().equals(link.getCaseId()))) {
      return false;
    }
    links.add(link);
    return true;
  }

  void emit(Routed routed) {
    emitted.add(routed);
  }

  void override(OverrideApplied override) {
    overrides.add(override);
  }

  void status(CaseStatus status) {
    this.status = status;
  }

  CaseStatus status() {
    return status;
  }

  List<Referral> referrals() {
    return List.copyOf(referrals);
  }

  void change(Referral referral, ReferralState to, TimelineEvent event, String eventId) {
    referral.setState(to);
    referral.setUpdatedAt(now);
    timeline(event, referral, eventId);
  }

  void timeline(TimelineEvent event, Referral referral, String eventId) {
    timeline.add(TimelineEntry.newBuilder().setAt(now).setEvent(event).setState(referral.getState())
        .setReferralId(referral.getReferralId()).setUnitId(referral.getUnitId()).setEventId(eventId).build());
  }

  /** The referral was sent to its unit: in the timeline and the unit's inbox, its deadline armed. */
  void opened(Referral referral, String eventId) {
    timeline(TimelineEvent.REFERRAL_REQUESTED, referral, eventId);
    keptBy(referral.getUnitId(), referral);
    armDeadline(referral);
  }

  /** The referral left its unit's hands: out of the inbox, its deadline disarmed. */
  void closedFor(Referral referral) {
    inbox.put(new Decision.InboxPlace(referral.getUnitId(), referral.getReferralId()), false);
    disarmDeadline(referral);
    load(referral.getUnitId(), -1);
  }

  /** The referral is (again) in the inbox of this unit. */
  void keptBy(String unitId, Referral referral) {
    inbox.put(new Decision.InboxPlace(unitId, referral.getReferralId()), true);
    load(unitId, 1);
  }

  void armDeadline(Referral referral) {
    deadlines.put(new Decision.Deadline(referral.getDeadline(), referral.getReferralId()), true);
  }

  void disarmDeadline(Referral referral) {
    deadlines.put(new Decision.Deadline(referral.getDeadline(), referral.getReferralId()), false);
  }

  private void load(String unitId, int delta) {
    if (!unitId.equals(UNASSIGNED)) {
      loads.merge(unitId, delta, (open, change) -> Math.max(0, open + change));
      loadsChanged.add(unitId);
    }
  }
}
