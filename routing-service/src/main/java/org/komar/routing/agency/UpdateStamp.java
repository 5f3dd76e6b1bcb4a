package org.komar.routing.agency;

import java.time.Instant;
import java.util.UUID;
import org.komar.events.CompletionOutcome;
import org.komar.events.DeclineReason;
import org.komar.events.ReferralAccepted;
import org.komar.events.ReferralCompleted;
import org.komar.events.ReferralDeclined;
import org.komar.events.ReferralProgressed;
import org.komar.events.ReferralSummary;
import org.komar.events.SealedValue;
import org.komar.routing.casefile.ReferralAction;

/**
 * What an update of a referral carries whatever its kind: a new event id, the case, the referral and the unit
 * that holds it, the person who acted, when, and what they did. It builds the event of each kind, so whoever
 * publishes one knows its id.
 */
public record UpdateStamp(String eventId, String caseId, String referralId, String unitId, String actorId,
    Instant occurredAt, ReferralAction action) {

  /** A stamp for a new update, now, with a new event id. */
  static UpdateStamp of(String caseId, ReferralSummary referral, String actorId, ReferralAction action) {
    return new UpdateStamp(UUID.randomUUID().toString(), caseId, referral.getReferralId(), referral.getUnitId(),
        actorId, Instant.now(), action);
  }

  ReferralAccepted accepted(boolean femaleOfficerAssigned) {
    return ReferralAccepted.newBuilder().setEventId(eventId).setCaseId(caseId).setOccurredAt(occurredAt)
        .setReferralId(referralId).setUnitId(unitId).setActorId(actorId)
        .setFemaleOfficerAssigned(femaleOfficerAssigned).build();
  }

  /** @param note sealed by the vault, or null */
  ReferralDeclined declined(DeclineReason reason, SealedValue note) {
    return ReferralDeclined.newBuilder().setEventId(eventId).setCaseId(caseId).setOccurredAt(occurredAt)
        .setReferralId(referralId).setUnitId(unitId).setActorId(actorId).setReason(reason).setNote(note).build();
  }

  ReferralProgressed progressed(SealedValue note) {
    return ReferralProgressed.newBuilder().setEventId(eventId).setCaseId(caseId).setOccurredAt(occurredAt)
        .setReferralId(referralId).setUnitId(unitId).setActorId(actorId).setNote(note).build();
  }

  ReferralCompleted completed(CompletionOutcome outcome) {
    return ReferralCompleted.newBuilder().setEventId(eventId).setCaseId(caseId).setOccurredAt(occurredAt)
        .setReferralId(referralId).setUnitId(unitId).setActorId(actorId).setOutcome(outcome).build();
  }
}
