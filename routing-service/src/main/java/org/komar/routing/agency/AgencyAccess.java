package org.komar.routing.agency;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.komar.events.AgencyUnit;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.ReferralSummary;
import org.komar.events.Service;
import org.komar.http.AccessRefusedException;
import org.komar.http.vault.CaseErasedException;
import org.komar.routing.runtime.CaseStores;
import org.komar.schemas.security.Roles;

/**
 * Who may see what of the cases this instance keeps. A person works for the unit their token names. They see
 * their unit's inbox if their role does that unit's service's work, or they are a supervisor; a case whole if their
 * unit holds one of its referrals, or they supervise a unit that does, and only their unit's part of it if their
 * unit is a take-down desk or acted on it before ({@link CaseSight}); and they act on a referral only if their
 * unit holds it and their role does its service's work. Anyone else is refused ({@link AccessRefusedException},
 * 403); a case or referral this instance does not keep is not found.
 */
@Singleton
public final class AgencyAccess {

  private final CaseStores stores;

  AgencyAccess(CaseStores stores) {
    this.stores = stores;
  }

  /** The unit the caller works for; refused if their token names none. */
  public String unitOf(Authentication caller) {
    return AgencyRoles.unitOf(caller)
        .orElseThrow(() -> new AccessRefusedException("Your token names no agency unit"));
  }

  /** The open referrals of the caller's unit that this instance keeps. */
  public List<CaseStores.InboxEntry> inbox(Authentication caller) {
    String unitId = unitOf(caller);
    boolean ofItsService = stores.unit(unitId).map(unit -> isSupervisor(caller)
        || AgencyRoles.doesWorkOf(caller.getRoles(), unit.getService())).orElse(false);
    if (!ofItsService) {
      throw new AccessRefusedException("Your role does not do this unit's work");
    }
    return stores.localInbox(unitId);
  }

  /**
   * A case this instance keeps: whole for a unit that holds one of its referrals now or a supervisor of such a
   * unit; only its own part for a take-down desk and for a unit that acted on it before (declined, passed over);
   * refused to everyone else.
   */
  public CaseSight caseFor(String caseId, Authentication caller) {
    CaseState state = localCase(caseId);
    String unitId = unitOf(caller);
    boolean holds = state.getReferrals().stream().anyMatch(referral -> referral.getUnitId().equals(unitId));
    List<ReferralSummary> supervised = isSupervisor(caller) ? state.getReferrals().stream()
        .filter(referral -> stores.unit(referral.getUnitId())
            .map(unit -> AgencyRoles.reportsTo(unit, unitId)).orElse(false)).toList() : List.of();
    boolean takedownDesk = stores.unit(unitId).map(unit -> unit.getService() == Service.TAKEDOWN).orElse(false);
    if (supervised.stream().anyMatch(referral -> referral.getService() != Service.TAKEDOWN)
        || holds && !takedownDesk) {
      return new CaseSight(state, Set.of(unitId), true);
    }
    if (!supervised.isEmpty()) {
      // A take-down coordinator: its desks' requests, no more than the desks see.
      return new CaseSight(state, supervised.stream().map(ReferralSummary::getUnitId)
          .collect(java.util.stream.Collectors.toUnmodifiableSet()), false);
    }
    if (holds || state.getTimeline().stream().anyMatch(entry -> unitId.equals(entry.getUnitId()))) {
      return new CaseSight(state, Set.of(unitId), false);
    }
    throw new AccessRefusedException("Your unit holds no referral of this case");
  }

  /** A referral of a case kept here that the caller's unit holds, by a role that does its service's work. */
  public ReferralSummary heldReferral(String caseId, String referralId, Authentication caller) {
    CaseState state = localCase(caseId);
    ReferralSummary referral = state.getReferrals().stream()
        .filter(summary -> summary.getReferralId().equals(referralId)).findFirst()
        .orElseThrow(() -> new CaseRequestException.NotFound("No such referral in this case"));
    if (!referral.getUnitId().equals(unitOf(caller))
        || !AgencyRoles.doesWorkOf(caller.getRoles(), referral.getService())) {
      throw new AccessRefusedException("This referral is not your unit's to act on");
    }
    if (state.getStatus() == CaseStatus.ERASED) {
      throw new CaseErasedException("This case was erased: there is nothing left to act on");
    }
    return referral;
  }

  /** The active units that report to the caller's unit. */
  public List<AgencyUnit> supervisedUnits(Authentication caller) {
    String supervisor = unitOf(caller);
    return stores.directory().stream()
        .filter(unit -> AgencyRoles.reportsTo(unit, supervisor) && unit.getActive()).toList();
  }

  private CaseState localCase(String caseId) {
    return stores.localCase(caseId).orElseThrow(() -> new CaseRequestException.NotFound("No case with that id"));
  }

  private static boolean isSupervisor(Authentication caller) {
    return caller.getRoles().contains(Roles.AGENCY_SUPERVISOR);
  }
}
