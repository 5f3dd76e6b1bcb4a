package org.komar.routing.streams;

import java.time.Instant;
import org.komar.routing.casefile.Decision;

/**
 * The keys of the router's stores, in one place: an inbox place is {@code <unitId>|<referralId>}, so a unit's
 * inbox is one prefix scan; a deadline is {@code <13-digit epoch millis>|<referralId>}, so the deadlines due are
 * one range scan, in time order.
 */
final class StoreKeys {

  private StoreKeys() {
  }

  static String inbox(Decision.InboxPlace place) {
    return place.unitId() + "|" + place.referralId();
  }

  static String deadline(Decision.Deadline deadline) {
    return String.format("%013d|%s", deadline.at().toEpochMilli(), deadline.referralId());
  }

  /** A key after every deadline key due by then. */
  static String dueBy(long epochMillis) {
    return String.format("%013d|~", epochMillis);
  }

  static Decision.Deadline deadlineOf(String key) {
    String[] parts = key.split("\\|", 2);
    return new Decision.Deadline(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
  }

  /** What the event ids of a missed deadline derive from: its key, referral first. */
  static String expiryCause(String deadlineKey) {
    String[] parts = deadlineKey.split("\\|", 2);
    return parts[1] + "@" + parts[0];
  }
}
