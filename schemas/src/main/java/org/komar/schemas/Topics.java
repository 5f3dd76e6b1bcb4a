package org.komar.schemas;

import static org.komar.schemas.KafkaPrincipal.INTAKE;
import static org.komar.schemas.KafkaPrincipal.NOTIFICATION;
import static org.komar.schemas.KafkaPrincipal.ROUTING;
import static org.komar.schemas.KafkaPrincipal.VAULT;

import java.util.List;
import java.util.stream.Stream;
import org.komar.events.AgencyUnit;
import org.komar.events.AuditCheckpoint;
import org.komar.events.AuditEvent;
import org.komar.events.CaseErased;
import org.komar.events.CaseState;
import org.komar.events.CasesLinked;
import org.komar.events.IndicatorSnapshot;
import org.komar.events.IntakeReceived;
import org.komar.events.MediaIndexEntry;
import org.komar.events.NotificationReceipt;
import org.komar.events.OverrideApplied;
import org.komar.events.ReferralEscalated;
import org.komar.events.ReferralRequested;
import org.komar.events.ReferralUpdate;
import org.komar.events.TakedownRequested;

/**
 * The topic catalogue: every Kafka topic of Komar, with its key and value types, in one place. Services,
 * the platform's topic creation and schema registration all read it from here.
 *
 * <p>Referrals have one topic per service so that Kafka ACLs can keep agencies apart. Topics that carry more
 * than one event (referral updates, notification receipts, audit events) carry an envelope record whose one
 * field is a union of those events.
 *
 * <p>Each topic names who writes it and who reads it, and the broker's access lists are made from that alone. The
 * audit trail has one writer, the vault: routing hands it the overrides it applies through {@link #RULE_OVERRIDES},
 * so that no other service can add to, or rewrite, the evidence.
 */
public final class Topics {

  public static final Topic<String, IntakeReceived> CASE_INTAKES =
      Topic.events("case-intakes", IntakeReceived.class, Topic.Retention.TIME)
          .writtenBy(INTAKE).readBy(ROUTING, NOTIFICATION);
  public static final Topic<String, ReferralRequested> REFERRALS_POLICE =
      Topic.events("referrals-police", ReferralRequested.class, Topic.Retention.TIME)
          .writtenBy(ROUTING).readBy(NOTIFICATION);
  public static final Topic<String, ReferralRequested> REFERRALS_PSYCHOSOCIAL =
      Topic.events("referrals-psychosocial", ReferralRequested.class, Topic.Retention.TIME)
          .writtenBy(ROUTING).readBy(NOTIFICATION);
  public static final Topic<String, ReferralRequested> REFERRALS_FOLLOW_UP =
      Topic.events("referrals-follow-up", ReferralRequested.class, Topic.Retention.TIME)
          .writtenBy(ROUTING).readBy(NOTIFICATION);
  public static final Topic<String, TakedownRequested> TAKEDOWN_REQUESTS =
      Topic.events("takedown-requests", TakedownRequested.class, Topic.Retention.TIME)
          .writtenBy(ROUTING).readBy(NOTIFICATION);
  /** Agencies' answers, recorded by routing's agency API and read back by its topology. */
  public static final Topic<String, ReferralUpdate> REFERRAL_UPDATES =
      Topic.events("referral-updates", ReferralUpdate.class, Topic.Retention.TIME)
          .writtenBy(ROUTING).readBy(ROUTING);
  public static final Topic<String, ReferralEscalated> ESCALATIONS =
      Topic.events("escalations", ReferralEscalated.class, Topic.Retention.TIME)
          .writtenBy(ROUTING).readBy(NOTIFICATION);
  public static final Topic<String, CaseState> CASE_STATES =
      Topic.events("case-states", CaseState.class, Topic.Retention.COMPACTED)
          .writtenBy(ROUTING).readBy(INTAKE, NOTIFICATION, VAULT);
  public static final Topic<String, NotificationReceipt> NOTIFICATION_RECEIPTS =
      Topic.events("notification-receipts", NotificationReceipt.class, Topic.Retention.TIME)
          .writtenBy(NOTIFICATION).readBy(ROUTING);
  /** Keyed by unit id; one partition, read whole by every routing instance as a global table. */
  public static final Topic<String, AgencyUnit> AGENCY_UNITS =
      Topic.events("agency-units", AgencyUnit.class, Topic.Retention.COMPACTED).withPartitions(1)
          .writtenBy(ROUTING).readBy(ROUTING, NOTIFICATION, VAULT);
  /** Rules routing overrode (a police referral without consent, as the law requires), for the vault's trail. */
  public static final Topic<String, OverrideApplied> RULE_OVERRIDES =
      Topic.events("rule-overrides", OverrideApplied.class, Topic.Retention.FOREVER)
          .writtenBy(ROUTING).readBy(VAULT);
  /**
   * Cases the vault crypto-shredded, in the same transaction as the key's deletion: routing takes each out of every
   * unit's inbox and deadlines and shows it erased to every agency. Written by the vault alone.
   */
  public static final Topic<String, CaseErased> CASE_ERASURES =
      Topic.events("case-erasures", CaseErased.class, Topic.Retention.FOREVER)
          .writtenBy(VAULT).readBy(ROUTING);
  /**
   * A new case reported content an earlier case holds too (a matching media hash): routing tells the earlier case,
   * which may sit on another partition, so that both show the link. Routing's own: it writes and reads it.
   */
  public static final Topic<String, CasesLinked> CASE_LINKS =
      Topic.events("case-links", CasesLinked.class, Topic.Retention.TIME)
          .writtenBy(ROUTING).readBy(ROUTING);
  /**
   * Routing's index of reported content: each case's media hashes, keyed by case, compacted, read whole by every
   * routing instance to match a new report's hashes against every earlier case's. Hashes only, never media.
   */
  public static final Topic<String, MediaIndexEntry> MEDIA_HASHES =
      Topic.events("media-hashes", MediaIndexEntry.class, Topic.Retention.COMPACTED)
          .writtenBy(ROUTING).readBy(ROUTING);
  /** The audit trail: written by the vault alone, read by nobody but the cluster's administrator yet. */
  public static final Topic<String, AuditEvent> AUDIT_EVENTS =
      Topic.events("audit-events", AuditEvent.class, Topic.Retention.FOREVER)
          .writtenBy(VAULT);
  /**
   * The audit trail's signed head, published by the vault every few seconds while the trail grows: compacted, so
   * the latest stays; a verifier checks the trail still reaches it. Read by nobody but the cluster's administrator.
   */
  public static final Topic<String, AuditCheckpoint> AUDIT_CHECKPOINTS =
      Topic.events("audit-checkpoints", AuditCheckpoint.class, Topic.Retention.COMPACTED).withPartitions(1)
          .writtenBy(VAULT);
  /** Keyed by indicator and window; small, so one partition keeps snapshots in order. */
  public static final Topic<String, IndicatorSnapshot> NAP_INDICATORS =
      Topic.events("nap-indicators", IndicatorSnapshot.class, Topic.Retention.TIME).withPartitions(1)
          .writtenBy(ROUTING).readBy(ROUTING);

  private static final List<Topic<String, ?>> EVENT_TOPICS = List.of(
      CASE_INTAKES,
      REFERRALS_POLICE,
      REFERRALS_PSYCHOSOCIAL,
      REFERRALS_FOLLOW_UP,
      TAKEDOWN_REQUESTS,
      REFERRAL_UPDATES,
      ESCALATIONS,
      CASE_STATES,
      NOTIFICATION_RECEIPTS,
      AGENCY_UNITS,
      RULE_OVERRIDES,
      CASE_ERASURES,
      CASE_LINKS,
      MEDIA_HASHES,
      AUDIT_EVENTS,
      AUDIT_CHECKPOINTS,
      NAP_INDICATORS);

  private static final List<Topic<?, ?>> ALL = Stream.concat(
      EVENT_TOPICS.stream(),
      EVENT_TOPICS.stream().map(Topic::deadLetter)).<Topic<?, ?>>map(topic -> topic).toList();

  private Topics() {
  }

  /** The event topics, without their dead-letter twins. */
  public static List<Topic<String, ?>> events() {
    return EVENT_TOPICS;
  }

  /** Every topic the platform needs: the event topics and their dead-letter topics. */
  public static List<Topic<?, ?>> all() {
    return ALL;
  }
}
