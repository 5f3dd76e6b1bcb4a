package org.komar.notification.events;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.komar.events.CaseState;
import org.komar.events.ConsentPurpose;
import org.komar.events.IntakeReceived;
import org.komar.events.NotificationChannel;
import org.komar.events.NotificationFailed;
import org.komar.events.NotificationReceipt;
import org.komar.events.Recipient;
import org.komar.events.ReferralEscalated;
import org.komar.events.ReferralRequested;
import org.komar.events.ReporterMessages;
import org.komar.events.SealedValue;
import org.komar.events.TakedownRequested;
import org.komar.notification.plan.NotificationPlanner;
import org.komar.notification.plan.PlannedDelivery;
import org.komar.notification.store.Deliveries;
import org.komar.notification.store.EscalationDigests;
import org.komar.outbox.Outbox;
import org.komar.schemas.Topics;
import org.komar.schemas.reporter.ReporterStatus;

/**
 * Turns one event into the deliveries it asks for, in one transaction with its handled mark, so an event seen
 * twice asks for nothing twice. A unit the directory gives no way to reach gets {@code NotificationFailed} at
 * once, in the same transaction: never a silent drop. Reporters who agreed to updates are told that their report
 * was received, that someone is helping, and that it is closed, once each and only ever forward
 * ({@link ReporterStatus}, the order intake's status check keeps too); nothing more. A case's state read before its
 * intake is held until the intake registers the reporter (the two topics are read side by side).
 */
@Singleton
public final class EventHandler {

  private static final SpecificDatumWriter<SealedValue> SEALED = new SpecificDatumWriter<>(SealedValue.class);

  /** How many units a digest names; the rest are counted as "+n", so that an SMS stays short. */
  private static final int DIGEST_UNITS_SHOWN = 8;

  private final Deliveries deliveries;
  private final EscalationDigests digests;
  private final NotificationPlanner planner;
  private final Outbox outbox;
  private final TransactionOperations<Connection> transactions;

  EventHandler(Deliveries deliveries, EscalationDigests digests, NotificationPlanner planner, Outbox outbox,
      TransactionOperations<Connection> transactions) {
    this.deliveries = deliveries;
    this.digests = digests;
    this.planner = planner;
    this.outbox = outbox;
    this.transactions = transactions;
  }

  /** Handles the event; false if it had been handled before. */
  public boolean handle(String topic, byte[] raw, SpecificRecord event) {
    return transactions.executeWrite(status -> {
      String caseId = caseIdOf(event);
      String eventId = eventIdOf(event);
      if (!deliveries.markHandled(eventId, topic)) {
        return false;
      }
      NotificationPlanner.Plan plan = switch (event) {
        case ReferralRequested referral -> planner.forReferral(referral);
        case TakedownRequested takedown -> planner.forTakedown(takedown);
        case ReferralEscalated escalation -> forSupervisors(escalation, raw);
        case IntakeReceived intake -> new NotificationPlanner.Plan(forReporter(intake), List.of());
        case CaseState state -> new NotificationPlanner.Plan(forReporter(state), List.of());
        default -> new NotificationPlanner.Plan(List.of(), List.of());
      };
      plan.deliveries().forEach(delivery -> deliveries.insert(eventId, topic, raw, caseId, delivery));
      plan.unreachableUnits().forEach(unitId -> unreachable(eventId, caseId, unitId));
      return true;
    });
  }

  /**
   * An escalation, told at once to each supervisor who heard of none in the last digest period; for the others it
   * waits for their digest ({@link EscalationDigests}).
   */
  private NotificationPlanner.Plan forSupervisors(ReferralEscalated escalation, byte[] raw) {
    List<String> now = new ArrayList<>();
    for (String supervisor : planner.supervisorsOf(escalation)) {
      if (digests.tellNow(supervisor)) {
        now.add(supervisor);
      } else {
        digests.waitFor(supervisor, escalation.getUnitId(), escalation.getStep().name(), escalation.getCaseId(),
            escalation.getEventId(), raw);
      }
    }
    return planner.forEscalation(escalation, now);
  }

  /**
   * Each supervisor's digest that is due: one message with how many escalations waited and their counts by unit
   * and reason, in one transaction with taking them; how many digests were made.
   */
  public int sendDigests() {
    return transactions.executeWrite(status -> {
      int made = 0;
      for (String supervisor : digests.due()) {
        List<EscalationDigests.Waiting> waiting = digests.take(supervisor);
        if (waiting.isEmpty()) {
          continue;
        }
        EscalationDigests.Waiting last = waiting.getLast();
        String eventId = UUID.nameUUIDFromBytes(("digest/" + supervisor + "/" + last.id())
            .getBytes(StandardCharsets.UTF_8)).toString();
        NotificationPlanner.Plan plan = planner.escalationDigest(supervisor, waiting.size(), summary(waiting),
            spoken(digests.period()));
        plan.deliveries().forEach(delivery -> deliveries.insert(eventId, Topics.ESCALATIONS.name(),
            last.sourceValue(), last.caseId(), delivery));
        plan.unreachableUnits().forEach(unitId -> unreachable(eventId, last.caseId(), unitId));
        made++;
      }
      return made;
    });
  }

  /** The counts by unit and reason, most first: {@code police-kampot 3 NO_UNIT_AVAILABLE, 1 REASSIGNED; ...}. */
  static String summary(List<EscalationDigests.Waiting> waiting) {
    Map<String, Map<String, Long>> byUnit = new TreeMap<>();
    for (EscalationDigests.Waiting each : waiting) {
      byUnit.computeIfAbsent(each.unitId(), unit -> new TreeMap<>()).merge(each.step(), 1L, Long::sum);
    }
    List<String> units = new ArrayList<>();
    byUnit.forEach((unit, steps) -> units.add(unit + " " + steps.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(step -> step.getValue() + " " + step.getKey()).collect(Collectors.joining(", "))));
    int shown = Math.min(units.size(), DIGEST_UNITS_SHOWN);
    String summary = String.join("; ", units.subList(0, shown));
    return units.size() > shown ? summary + "; +" + (units.size() - shown) : summary;
  }

  private static String spoken(Duration period) {
    return period.toMinutes() >= 1 ? period.toMinutes() + " min" : period.toSeconds() + " s";
  }

  /**
   * The reporter who agreed to updates is registered and told where the report stands: that it was received, or,
   * when a later state of the case was read before its intake, that state alone (one message, not one already out
   * of date followed by the next).
   */
  private List<PlannedDelivery> forReporter(IntakeReceived intake) {
    ReporterStatus now = deliveries.lockCase(intake.getCaseId()).held().orElse(ReporterStatus.RECEIVED);
    deliveries.intakeRead(intake.getCaseId());
    boolean agreed = intake.getConsents().stream().anyMatch(consent ->
        consent.getPurpose() == ConsentPurpose.REPORTER_UPDATES && Boolean.TRUE.equals(consent.getGranted()));
    if (!agreed || intake.getReporterContact() == null) {
      return List.of();
    }
    ReporterMessages messages = intake.getPreferences().getReporterMessages();
    deliveries.registerReporter(intake.getCaseId(), intake.getCaseReference(), encode(intake.getReporterContact()),
        intake.getPreferences().getLanguage(), messages);
    if (now != ReporterStatus.RECEIVED) {
      deliveries.reporterTold(intake.getCaseId(), now);
    }
    return List.of(planner.toReporter(now, messages, intake.getCaseReference(),
        intake.getPreferences().getLanguage()));
  }

  /**
   * A step the registered reporter has not been told of yet; with no reporter registered, held for the case's
   * intake in case it has not been read yet (the two topics are read side by side).
   */
  private List<PlannedDelivery> forReporter(CaseState state) {
    Optional<ReporterStatus> next = ReporterStatus.of(state.getStatus());
    if (next.isEmpty()) {
      return List.of();
    }
    Deliveries.CaseProgress progress = deliveries.lockCase(state.getCaseId());
    Optional<Deliveries.Reporter> registered = deliveries.reporter(state.getCaseId());
    if (registered.isEmpty()) {
      if (!progress.intakeRead() && progress.held().orElse(ReporterStatus.RECEIVED).movesTo(next.get())) {
        deliveries.holdForIntake(state.getCaseId(), next.get());
      }
      return List.of();
    }
    Deliveries.Reporter reporter = registered.get();
    if (!toldSoFar(reporter).movesTo(next.get())) {
      return List.of();
    }
    deliveries.reporterTold(state.getCaseId(), next.get());
    return List.of(planner.toReporter(next.get(), reporter.messages(), reporter.caseReference(),
        reporter.language()));
  }

  /** A reporter is registered when their report is received ({@code last_status} empty), then told each step. */
  private static ReporterStatus toldSoFar(Deliveries.Reporter reporter) {
    return reporter.lastStatus() == null ? ReporterStatus.RECEIVED : ReporterStatus.valueOf(reporter.lastStatus());
  }

  private void unreachable(String eventId, String caseId, String unitId) {
    String receiptId = UUID.nameUUIDFromBytes((eventId + "/unreachable/" + unitId).getBytes(StandardCharsets.UTF_8))
        .toString();
    outbox.append(Topics.NOTIFICATION_RECEIPTS, caseId, receiptId, NotificationReceipt.newBuilder()
        .setReceipt(NotificationFailed.newBuilder().setEventId(receiptId).setCaseId(caseId)
            .setOccurredAt(Instant.now()).setNotificationId(receiptId).setChannel(NotificationChannel.WEBHOOK)
            .setRecipient(Recipient.AGENCY_UNIT).setUnitId(unitId).setAttempts(0)
            .setError("the agency directory gives this unit no webhook, SMS number or email").build())
        .build());
  }

  /** An event's id; a case state is identified by its case and version. */
  static String eventIdOf(SpecificRecord event) {
    if (event instanceof CaseState state) {
      return state.getCaseId() + "@" + state.getVersion();
    }
    return event.get(event.getSchema().getField("eventId").pos()).toString();
  }

  static String caseIdOf(SpecificRecord event) {
    return event.get(event.getSchema().getField("caseId").pos()).toString();
  }

  private static byte[] encode(SealedValue value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
      SEALED.write(value, encoder);
      encoder.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
