package org.komar.schemas.reporter;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.komar.events.CaseStatus;

/**
 * Where a report stands as its reporter hears it, in this order: received, someone is helping, the work is
 * finished, erased. A reporter's status only ever moves forward: a case state read twice, or late (an
 * {@code IN_PROGRESS} read after {@code CLOSED}), tells them nothing, and an erased report stays erased.
 * intake-service's status check (the {@code intakes.status} column) and notification-service's messages to
 * reporters both keep this order, so what a reporter is told and what they can look up never disagree.
 */
public enum ReporterStatus {
  /** The report was recorded; no agency is working on it yet. */
  RECEIVED,
  /** At least one agency unit is working on the case. */
  IN_PROGRESS,
  /** Every agency finished its work. */
  CLOSED,
  /** The case was crypto-shredded: nothing more is said about it. */
  ERASED;

  /**
   * What a case's state tells its reporter: {@code IN_PROGRESS} and {@code CLOSED}, nothing else. An open case is
   * still "received"; an erasure is recorded where it is done (intake's vault), never from a synced state.
   */
  public static Optional<ReporterStatus> of(CaseStatus status) {
    return switch (status) {
      case IN_PROGRESS -> Optional.of(IN_PROGRESS);
      case CLOSED -> Optional.of(CLOSED);
      case OPEN, ERASED -> Optional.empty();
    };
  }

  /** Whether a reporter who was told this status is now told {@code next}: only if it comes later. */
  public boolean movesTo(ReporterStatus next) {
    return next.ordinal() > ordinal();
  }

  /** The statuses a report moves to this one from: the earlier ones (for an update that must be atomic). */
  public List<ReporterStatus> earlier() {
    return Arrays.asList(values()).subList(0, ordinal());
  }
}
