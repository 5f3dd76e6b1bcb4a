package org.komar.routing.casefile;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.komar.events.AgencyUnit;
import org.komar.events.CaseState;
import org.komar.events.CasesLinked;
import org.komar.events.IntakeReceived;
import org.komar.events.OverrideApplied;
import org.komar.events.Service;
import org.komar.routing.rules.PlannedReferral;
import org.komar.routing.rules.RoutingRule;
import org.komar.routing.rules.RoutingRules;

/**
 * The router's rules for one case: what an event does to it. Each method decides one kind of event and returns an
 * immutable {@link Decision} (the events to emit, the case state, the store changes), which the router applies
 * whole; nothing here reads or writes a store or a topic. Routing decides on INTERNAL fields only; sealed values
 * pass through unopened.
 *
 * <p>The rules, by concern: {@link Referrals} to units that meet the child, {@link Takedowns} to platforms' desks,
 * {@link AgencyUpdates} for what units do with a referral, {@link Escalations} and {@link Reassignment} for
 * deadlines missed and units that decline or cannot be found, {@link Erasures} for a case the vault erased,
 * {@link CaseLinks} for cases that reported the same content, {@link IndicatorFacts} for the NAP indicators. Event
 * ids derive from {@code cause}, the event that set the work off, so deciding on it again yields the same ids.
 */
public final class CaseFile {

  private final IntakeReceived intake;
  private final CaseState stored;
  private final Instant now;
  private final String cause;
  private final RoutingRules rules;
  private final List<AgencyUnit> directory;
  private final Map<String, Integer> loads;

  /**
   * @param stored the case as the router keeps it; null for a new intake
   * @param loads the open referrals of each unit of the directory
   */
  public CaseFile(IntakeReceived intake, CaseState stored, Instant now, String cause, RoutingRules rules,
      Collection<AgencyUnit> directory, Map<String, Integer> loads) {
    this.intake = intake;
    this.stored = stored;
    this.now = now;
    this.cause = cause;
    this.rules = rules;
    this.directory = List.copyOf(directory);
    this.loads = Map.copyOf(loads);
  }

  public IntakeReceived intake() {
    return intake;
  }

  /** A new intake: every referral the rules call for, and the overrides of consent they record. */
  public Decision route() {
    return route(MediaHashes.Matches.NONE);
  }

  /**
   * A new intake whose media hashes {@code matches} earlier cases' ({@link MediaHashes}): each is linked both ways,
   * and a platform's desk already asked to remove all of its content is not asked again. The case's hashes go into
   * the index for the reports after it.
   */
  public Decision route(MediaHashes.Matches matches) {
    CaseDraft draft = draft();
    IndicatorFacts.intakeReceived(draft);
    for (MediaHashes.Match match : matches.cases()) {
      CaseLinks.link(draft, match);
    }
    for (PlannedReferral plan : rules.referralsFor(RoutingRule.Trigger.INTAKE, intake)) {
      if (plan.service() == Service.TAKEDOWN) {
        Takedowns.request(draft, plan, matches.alreadyRequested());
      } else {
        Referrals.refer(draft, plan);
      }
      if (plan.overridesConsent()) {
        draft.override(overrideOf(draft, plan));
      }
    }
    CaseLinks.index(draft, matches.alreadyRequested());
    return draft.decision();
  }

  /** A later case reported the same content: linked here too; nothing if it was linked already. */
  public Optional<Decision> linked(CasesLinked linked) {
    CaseDraft draft = draft();
    return draft.link(linked.getLink()) ? Optional.of(draft.decision()) : Optional.empty();
  }

  /** The unit accepted the referral; throws {@link UpdateRefusedException} if it may not. */
  public Decision accepted(String referralId, String unitId, String eventId, boolean femaleOfficerAssigned) {
    CaseDraft draft = draft();
    AgencyUpdates.accepted(draft, referralId, unitId, eventId, femaleOfficerAssigned);
    return draft.decision();
  }

  /** The unit declined: the referral goes to the next suitable unit, or to a supervisor if there is none. */
  public Decision declined(String referralId, String unitId, String eventId) {
    CaseDraft draft = draft();
    AgencyUpdates.declined(draft, referralId, unitId, eventId);
    return draft.decision();
  }

  public Decision progressed(String referralId, String unitId, String eventId) {
    CaseDraft draft = draft();
    AgencyUpdates.progressed(draft, referralId, unitId, eventId);
    return draft.decision();
  }

  public Decision completed(String referralId, String unitId, String eventId, boolean contentRemoved) {
    CaseDraft draft = draft();
    AgencyUpdates.completed(draft, referralId, unitId, eventId, contentRemoved);
    return draft.decision();
  }

  /** A unit was told of the case, or could not be told: in the timeline, if the unit holds an open referral. */
  public Optional<Decision> notified(String unitId, String eventId, boolean delivered) {
    CaseDraft draft = draft();
    return AgencyUpdates.notified(draft, unitId, eventId, delivered) ? Optional.of(draft.decision())
        : Optional.empty();
  }

  /** A deadline passed; nothing if it no longer applies (the referral accepted meanwhile, or moved). */
  public Optional<Decision> expired(String referralId, Instant deadline) {
    CaseDraft draft = draft();
    return Escalations.expired(draft, referralId, deadline) ? Optional.of(draft.decision()) : Optional.empty();
  }

  /** The vault crypto-shredded the case; nothing if it was erased here before (the erasure told again). */
  public Optional<Decision> erased(String eventId) {
    CaseDraft draft = draft();
    if (!Erasures.erased(draft, eventId)) {
      return Optional.empty();
    }
    CaseLinks.forget(draft);
    return Optional.of(draft.decision());
  }

  private CaseDraft draft() {
    return new CaseDraft(intake, stored, now, cause, rules, directory, loads);
  }

  private static OverrideApplied overrideOf(CaseDraft draft, PlannedReferral plan) {
    return OverrideApplied.newBuilder().setEventId(draft.nextEventId()).setCaseId(draft.intake.getCaseId())
        .setOccurredAt(draft.now).setActorId("routing-service").setRule(plan.rule())
        .setReason("Mandatory report: " + plan.service() + " referral made without the consent it needs")
        .build();
  }
}
