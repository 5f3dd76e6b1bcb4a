package org.komar.routing.agency;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import org.komar.events.Audience;
import org.komar.events.CompletionOutcome;
import org.komar.events.DeclineReason;
import org.komar.events.ReferralState;
import org.komar.events.ReferralSummary;
import org.komar.events.ReferralUpdate;
import org.komar.events.SealedValue;
import org.komar.http.AccessRefusedException;
import org.komar.http.vault.VaultClient;
import org.komar.routing.casefile.ReferralAction;
import org.komar.routing.runtime.CaseStores;
import org.komar.routing.runtime.EventPublisher;
import org.komar.schemas.Topics;
import org.komar.schemas.sealing.AgencyOpenings;
import org.komar.schemas.sealing.OpeningPurpose;

/**
 * What a person does with a referral their unit holds, on the instance that keeps its case ({@link AgencyAccess}
 * says who may). Accept, decline, record progress or complete: only in a state that allows it
 * ({@link ReferralAction}; the router checks again when the event arrives), free-text notes sealed by the vault
 * first, and published to {@code referral-updates}, returning once Kafka has it. Open a sealed field of the case:
 * only while the unit has the referral in hand (accepted or in progress), a field agencies open, sealed for the
 * audience of the referral's service, through the vault, which audits it under the person's id. A unit that has
 * not taken the case on does not see who the child is.
 */
@Singleton
public final class ReferralDesk {

  private final AgencyAccess access;
  private final CaseStores stores;
  private final EventPublisher publisher;
  private final VaultClient vault;

  ReferralDesk(AgencyAccess access, CaseStores stores, EventPublisher publisher, VaultClient vault) {
    this.access = access;
    this.stores = stores;
    this.publisher = publisher;
    this.vault = vault;
  }

  public UpdateStamp accept(String caseId, String referralId, boolean femaleOfficerAssigned,
      Authentication caller) {
    UpdateStamp stamp = stamp(caseId, referralId, ReferralAction.ACCEPT, caller);
    publish(stamp, stamp.accepted(femaleOfficerAssigned));
    return stamp;
  }

  /** @param note free text, sealed before it goes anywhere; null or blank for none */
  public UpdateStamp decline(String caseId, String referralId, DeclineReason reason, String note,
      Authentication caller) {
    UpdateStamp stamp = stamp(caseId, referralId, ReferralAction.DECLINE, caller);
    SealedValue sealed = note == null || note.isBlank() ? null : vault.sealNote(caseId, "ReferralDeclined", note);
    publish(stamp, stamp.declined(reason, sealed));
    return stamp;
  }

  public UpdateStamp recordProgress(String caseId, String referralId, String note, Authentication caller) {
    UpdateStamp stamp = stamp(caseId, referralId, ReferralAction.PROGRESS, caller);
    publish(stamp, stamp.progressed(vault.sealNote(caseId, "ReferralProgressed", note)));
    return stamp;
  }

  public UpdateStamp complete(String caseId, String referralId, CompletionOutcome outcome,
      Authentication caller) {
    UpdateStamp stamp = stamp(caseId, referralId, ReferralAction.COMPLETE, caller);
    publish(stamp, stamp.completed(outcome));
    return stamp;
  }

  /**
   * The opened value of a sealed field, for the caller only: never stored or logged. {@code person} is the caller's
   * own {@code Bearer} value, which the vault checks for itself.
   */
  public String open(String caseId, String referralId, String field, OpeningPurpose purpose,
      Authentication caller, String person) {
    if (!AgencyOpenings.FIELDS.contains(field) || !AgencyOpenings.PURPOSES.contains(purpose)) {
      throw new CaseRequestException.Invalid("Agencies open " + AgencyOpenings.FIELDS + " for "
          + AgencyOpenings.PURPOSES + " only");
    }
    ReferralSummary referral = access.heldReferral(caseId, referralId, caller);
    if (referral.getState() != ReferralState.ACCEPTED && referral.getState() != ReferralState.IN_PROGRESS) {
      throw new CaseRequestException.NotNow(
          "The referral is " + referral.getState() + "; identity opens only while the unit has it in hand");
    }
    Audience audience = AgencyOpenings.audienceOf(referral.getService());
    SealedValue sealed = stores.localIntake(caseId).map(intake -> (SealedValue) intake.get(field))
        .orElseThrow(() -> new CaseRequestException.NotFound(field + " was not recorded"));
    if (!sealed.getAudiences().contains(audience)) {
      throw new AccessRefusedException(field + " is not sealed for " + audience);
    }
    return vault.openForAgency(caseId, field, sealed, audience, person, purpose);
  }

  /** The stamp of an update the caller may make now. */
  private UpdateStamp stamp(String caseId, String referralId, ReferralAction action, Authentication caller) {
    ReferralSummary referral = access.heldReferral(caseId, referralId, caller);
    if (!action.allowedIn(referral.getState())) {
      throw new CaseRequestException.NotNow(
          "The referral is " + referral.getState() + " and cannot be " + action.pastTense() + " now");
    }
    return UpdateStamp.of(caseId, referral, caller.getName(), action);
  }

  private void publish(UpdateStamp stamp, Object update) {
    publisher.publish(Topics.REFERRAL_UPDATES, stamp.caseId(),
        ReferralUpdate.newBuilder().setUpdate(update).build());
  }
}
