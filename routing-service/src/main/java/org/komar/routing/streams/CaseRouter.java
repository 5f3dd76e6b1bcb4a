package org.komar.routing.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.komar.events.AgencyUnit;
import org.komar.events.CaseErased;
import org.komar.events.CaseState;
import org.komar.events.CasesLinked;
import org.komar.events.CompletionOutcome;
import org.komar.events.IntakeReceived;
import org.komar.events.MediaIndexEntry;
import org.komar.events.NotificationDelivered;
import org.komar.events.NotificationFailed;
import org.komar.events.NotificationReceipt;
import org.komar.events.OverrideApplied;
import org.komar.events.ReferralAccepted;
import org.komar.events.ReferralCompleted;
import org.komar.events.ReferralDeclined;
import org.komar.events.ReferralProgressed;
import org.komar.events.ReferralUpdate;
import org.komar.routing.casefile.CaseFile;
import org.komar.routing.casefile.Decision;
import org.komar.routing.casefile.MediaHashes;
import org.komar.routing.casefile.Routed;
import org.komar.routing.casefile.UpdateRefusedException;
import org.komar.routing.rules.RoutingRules;
import org.komar.schemas.Topics;

/**
 * Routes every case: a new intake becomes the referrals the rules call for; an agency's accept, decline,
 * progress or completion moves its referral on (a decline to the next suitable unit, a counsellor's acceptance
 * to a follow-up); a notification receipt joins the timeline; a case the vault erased leaves every inbox and
 * deadline; a case that reported content another holds too is linked to it; and a referral nobody accepted by its
 * deadline is
 * escalated and reassigned. After each event the case's {@link CaseState} is published, so every agency sees the
 * same case.
 *
 * <p>The router reads its stores into a {@link CaseFile}, which decides by the rules and returns an immutable
 * {@link Decision}; the router then applies it whole. Deadlines live in a store keyed by time, scanned on
 * wall-clock time, so they survive restarts and move with their case when partitions move. An update the rules do
 * not allow throws {@link RoutingException} before any store is touched, and {@link DeadLetters} parks it; any
 * failure after that fails the record, which is read again.
 */
final class CaseRouter implements Processor<String, SpecificRecord, String, Routed> {

  /** The router's node in the topology, as error handlers see it. */
  static final String NAME = "case-router";

  private final RoutingRules rules;
  private final Duration scanEvery;
  private ProcessorContext<String, Routed> context;
  private KeyValueStore<String, IntakeReceived> intakes;
  private KeyValueStore<String, CaseState> cases;
  private KeyValueStore<String, String> deadlines;
  private KeyValueStore<String, String> inbox;
  private KeyValueStore<String, Integer> loads;
  private TimestampedKeyValueStore<String, AgencyUnit> units;
  private TimestampedKeyValueStore<String, MediaIndexEntry> media;

  CaseRouter(RoutingRules rules, Duration scanEvery) {
    this.rules = rules;
    this.scanEvery = scanEvery;
  }

  @Override
  public void init(ProcessorContext<String, Routed> context) {
    this.context = context;
    intakes = context.getStateStore(RoutingTopology.INTAKES_STORE);
    cases = context.getStateStore(RoutingTopology.CASES_STORE);
    deadlines = context.getStateStore(RoutingTopology.DEADLINES_STORE);
    inbox = context.getStateStore(RoutingTopology.INBOX_STORE);
    loads = context.getStateStore(RoutingTopology.LOADS_STORE);
    units = context.getStateStore(RoutingTopology.UNITS_STORE);
    media = context.getStateStore(RoutingTopology.MEDIA_STORE);
    context.schedule(scanEvery, PunctuationType.WALL_CLOCK_TIME, this::expireDeadlines);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    switch (record.value()) {
      case IntakeReceived intake -> onIntake(record.key(), intake);
      case ReferralUpdate update -> onUpdate(record.key(), update.getUpdate());
      case NotificationReceipt receipt -> onReceipt(record.key(), receipt.getReceipt());
      case CaseErased erased -> onErased(record.key(), erased);
      case CasesLinked linked -> onLinked(record.key(), linked);
      default -> throw new RoutingException("The router does not take " + record.value().getSchema().getName());
    }
  }

  private void onIntake(String key, IntakeReceived intake) {
    requireKey(key, intake.getCaseId());
    if (intakes.get(intake.getCaseId()) != null) {
      return; // Published again by the outbox after a crash: the case is already routed.
    }
    CaseFile file = open(intake, null, intake.getEventId());
    MediaHashes.Matches matches = intake.getMediaHashes().isEmpty() ? MediaHashes.Matches.NONE
        : MediaHashes.match(intake.getMediaHashes(), mediaIndex(), intake.getCaseId());
    apply(intake, decided(intake.getCaseId(), () -> file.route(matches)));
  }

  /**
   * Every case's media hashes, from the index every instance holds whole (a global table of {@code media-hashes}).
   * Read as it stands: a report of the same content a moment earlier on another partition may not be in it yet.
   */
  private List<MediaIndexEntry> mediaIndex() {
    List<MediaIndexEntry> entries = new ArrayList<>();
    try (KeyValueIterator<String, ValueAndTimestamp<MediaIndexEntry>> all = media.all()) {
      all.forEachRemaining(entry -> {
        if (entry.value != null && entry.value.value() != null) {
          entries.add(entry.value.value());
        }
      });
    }
    return entries;
  }

  /** A later case reported content this one holds: the link joins this case's state, once. */
  private void onLinked(String key, CasesLinked linked) {
    requireKey(key, linked.getCaseId());
    IntakeReceived intake = intakes.get(linked.getCaseId());
    CaseState stored = cases.get(linked.getCaseId());
    if (intake == null || stored == null) {
      return; // Erased meanwhile, or never routed here: there is no case to link.
    }
    CaseFile file = open(intake, stored, linked.getEventId());
    decided(linked.getCaseId(), () -> file.linked(linked)).ifPresent(decision -> apply(intake, decision));
  }

  private void onUpdate(String key, Object update) {
    switch (update) {
      case ReferralAccepted accepted -> decide(key, accepted.getCaseId(), accepted.getEventId(),
          file -> file.accepted(accepted.getReferralId(), accepted.getUnitId(), accepted.getEventId(),
              Boolean.TRUE.equals(accepted.getFemaleOfficerAssigned())));
      case ReferralDeclined declined -> decide(key, declined.getCaseId(), declined.getEventId(),
          file -> file.declined(declined.getReferralId(), declined.getUnitId(), declined.getEventId()));
      case ReferralProgressed progressed -> decide(key, progressed.getCaseId(), progressed.getEventId(),
          file -> file.progressed(progressed.getReferralId(), progressed.getUnitId(), progressed.getEventId()));
      case ReferralCompleted completed -> decide(key, completed.getCaseId(), completed.getEventId(),
          file -> file.completed(completed.getReferralId(), completed.getUnitId(), completed.getEventId(),
              completed.getOutcome() == CompletionOutcome.CONTENT_REMOVED));
      default -> throw new RoutingException("Unknown referral update " + update.getClass().getSimpleName());
    }
  }

  /** An agency's update of a case routed here; one the case does not allow is parked, and nothing is applied. */
  private void decide(String key, String caseId, String eventId, Function<CaseFile, Decision> update) {
    CaseFile file = existing(key, caseId, eventId);
    apply(file.intake(), decided(caseId, () -> update.apply(file)));
  }

  private void onReceipt(String key, Object receipt) {
    switch (receipt) {
      case NotificationDelivered delivered when delivered.getUnitId() != null ->
          notified(key, delivered.getCaseId(), delivered.getEventId(), delivered.getUnitId(), true);
      case NotificationFailed failed when failed.getUnitId() != null ->
          notified(key, failed.getCaseId(), failed.getEventId(), failed.getUnitId(), false);
      default -> {
        // Receipts of messages to reporters or supervisors are not part of an agency's timeline.
      }
    }
  }

  /** The vault crypto-shredded the case: out of every inbox and deadline, erased in every agency's view. */
  private void onErased(String key, CaseErased erased) {
    requireKey(key, erased.getCaseId());
    IntakeReceived intake = intakes.get(erased.getCaseId());
    CaseState stored = cases.get(erased.getCaseId());
    if (intake == null || stored == null) {
      return; // Erased before it was routed here (or never routed): there is nothing of it to take out.
    }
    CaseFile file = open(intake, stored, erased.getEventId());
    decided(erased.getCaseId(), () -> file.erased(erased.getEventId()))
        .ifPresent(decision -> apply(intake, decision));
  }

  private void notified(String key, String caseId, String eventId, String unitId, boolean delivered) {
    CaseFile file = existing(key, caseId, eventId);
    decided(caseId, () -> file.notified(unitId, eventId, delivered))
        .ifPresent(decision -> apply(file.intake(), decision));
  }

  private void expireDeadlines(long nowMillis) {
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> scan = deadlines.range("0", StoreKeys.dueBy(nowMillis))) {
      scan.forEachRemaining(due::add);
    }
    for (KeyValue<String, String> entry : due) {
      deadlines.delete(entry.key);
      CaseState stored = cases.get(entry.value);
      IntakeReceived intake = intakes.get(entry.value);
      if (stored == null || intake == null) {
        continue;
      }
      Decision.Deadline deadline = StoreKeys.deadlineOf(entry.key);
      CaseFile file = open(intake, stored, StoreKeys.expiryCause(entry.key));
      decided(entry.value, () -> file.expired(deadline.referralId(), deadline.at()))
          .ifPresent(decision -> apply(intake, decision));
    }
  }

  private CaseFile existing(String key, String caseId, String cause) {
    requireKey(key, caseId);
    IntakeReceived intake = intakes.get(caseId);
    CaseState stored = cases.get(caseId);
    if (intake == null || stored == null) {
      throw new RoutingException("Case " + caseId + " has not been routed here");
    }
    return open(intake, stored, cause);
  }

  private CaseFile open(IntakeReceived intake, CaseState stored, String cause) {
    List<AgencyUnit> directory = new ArrayList<>();
    Map<String, Integer> load = new HashMap<>();
    try (KeyValueIterator<String, ValueAndTimestamp<AgencyUnit>> all = units.all()) {
      all.forEachRemaining(unit -> {
        if (unit.value != null && unit.value.value() != null) {
          directory.add(unit.value.value());
          Integer open = loads.get(unit.key);
          load.put(unit.key, open == null ? 0 : open);
        }
      });
    }
    return new CaseFile(intake, stored, Instant.ofEpochMilli(context.currentSystemTimeMs()), cause, rules,
        directory, load);
  }

  /**
   * What the case file decides, before anything of it is applied. An update the case does not allow, and a
   * decision the case file fails to make, become a {@link RoutingException} here, which {@link DeadLetters} parks;
   * nothing may throw one once {@link #apply} has begun.
   */
  private static <T> T decided(String caseId, Supplier<T> decision) {
    try {
      return decision.get();
    } catch (RoutingException refused) {
      throw refused;
    } catch (UpdateRefusedException refused) {
      throw new RoutingException(refused.getMessage(), refused);
    } catch (RuntimeException failed) {
      throw new RoutingException("Case " + caseId + " could not be decided ("
          + failed.getClass().getSimpleName() + ")", failed);
    }
  }

  /**
   * Applies what the case file decided, whole: its stores first, then its events, the case state last. An error
   * here, or in writing any of its events, fails the record (see {@link DeadLetters}): the transaction is aborted
   * and the record read again, so that no part of a decision goes out without the rest.
   */
  private void apply(IntakeReceived intake, Decision decision) {
    String caseId = intake.getCaseId();
    intakes.putIfAbsent(caseId, intake);
    cases.put(caseId, decision.state());
    decision.inbox().forEach((place, add) -> {
      if (add) {
        inbox.put(StoreKeys.inbox(place), caseId);
      } else {
        inbox.delete(StoreKeys.inbox(place));
      }
    });
    decision.deadlines().forEach((deadline, arm) -> {
      if (arm) {
        deadlines.put(StoreKeys.deadline(deadline), caseId);
      } else {
        deadlines.delete(StoreKeys.deadline(deadline));
      }
    });
    decision.loads().forEach(loads::put);
    long now = context.currentSystemTimeMs();
    for (Routed routed : decision.emitted()) {
      String key = routed instanceof Routed.Event event && event.key() != null ? event.key() : caseId;
      context.forward(new Record<>(key, routed, now));
    }
    // The vault writes the audit trail, and no one else may: it records these in its own chain.
    for (OverrideApplied override : decision.overrides()) {
      context.forward(new Record<>(caseId, Routed.to(Topics.RULE_OVERRIDES, override), now));
    }
    context.forward(new Record<>(caseId, Routed.to(Topics.CASE_STATES, decision.state()), now));
  }

  private static void requireKey(String key, String caseId) {
    if (!caseId.equals(key)) {
      throw new RoutingException("Event of case " + caseId + " arrived under key " + key
          + "; events are keyed by case id");
    }
  }
}
