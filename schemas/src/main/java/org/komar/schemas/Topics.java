package org.komar.schemas;

import java.util.List;
import java.util.stream.Stream;

/**
 * The topic catalogue: every Kafka topic of Komar, in one place.
 *
 * <p>Each case keeps its order because every record is keyed by its case id. Referrals have one topic per
 * service so that Kafka ACLs can keep agencies apart. The platform creates exactly {@link #all()}.
 */
public final class Topics {

  public static final Topic CASE_INTAKES = new Topic("case-intakes", Topic.Retention.TIME);
  public static final Topic REFERRALS_POLICE = new Topic("referrals-police", Topic.Retention.TIME);
  public static final Topic REFERRALS_PSYCHOSOCIAL = new Topic("referrals-psychosocial", Topic.Retention.TIME);
  public static final Topic REFERRALS_FOLLOW_UP = new Topic("referrals-follow-up", Topic.Retention.TIME);
  public static final Topic TAKEDOWN_REQUESTS = new Topic("takedown-requests", Topic.Retention.TIME);
  public static final Topic REFERRAL_UPDATES = new Topic("referral-updates", Topic.Retention.TIME);
  public static final Topic ESCALATIONS = new Topic("escalations", Topic.Retention.TIME);
  public static final Topic CASE_STATES = new Topic("case-states", Topic.Retention.COMPACTED);
  public static final Topic NOTIFICATION_RECEIPTS = new Topic("notification-receipts", Topic.Retention.TIME);
  public static final Topic AGENCY_UNITS = new Topic("agency-units", Topic.Retention.COMPACTED);
  public static final Topic AUDIT_EVENTS = new Topic("audit-events", Topic.Retention.FOREVER);
  public static final Topic NAP_INDICATORS = new Topic("nap-indicators", Topic.Retention.TIME);

  private static final List<Topic> EVENT_TOPICS = List.of(
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
      AUDIT_EVENTS,
      NAP_INDICATORS);

  private static final List<Topic> ALL = Stream.concat(
      EVENT_TOPICS.stream(),
      EVENT_TOPICS.stream().map(Topic::deadLetter)).toList();

  private Topics() {
  }

  /** The event topics, without their dead-letter twins. */
  public static List<Topic> events() {
    return EVENT_TOPICS;
  }

  /** Every topic the platform needs: the event topics and their dead-letter topics. */
  public static List<Topic> all() {
    return ALL;
  }
}
