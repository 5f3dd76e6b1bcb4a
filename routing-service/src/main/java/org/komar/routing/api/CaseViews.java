package org.komar.routing.api;

import java.util.List;
import org.komar.events.CaseState;
import org.komar.events.IntakeReceived;
import org.komar.events.ReferralSummary;
import org.komar.events.Service;
import org.komar.events.TimelineEntry;
import org.komar.http.agency.CaseView;
import org.komar.http.agency.InboxItem;
import org.komar.http.agency.LinkView;
import org.komar.http.agency.Recorded;
import org.komar.http.agency.ReferralView;
import org.komar.http.agency.TimelineView;
import org.komar.routing.agency.CaseSight;
import org.komar.routing.agency.UpdateStamp;
import org.komar.routing.runtime.CaseStores;

/**
 * What the agency API shows, made from the router's state: INTERNAL fields only, into the API's records
 * ({@code org.komar.http.agency} in service-http, which the console reads too). Sealed values are opened through
 * the vault, never here.
 */
public final class CaseViews {

  private CaseViews() {
  }

  /** One open referral of a case, as its unit's inbox lists it. */
  static InboxItem inboxItem(CaseStores.InboxEntry entry) {
    return inboxItem(entry.referralId(), entry.state(), entry.intake());
  }

  private static InboxItem inboxItem(String referralId, CaseState state, IntakeReceived intake) {
    ReferralSummary referral = state.getReferrals().stream()
        .filter(summary -> summary.getReferralId().equals(referralId)).findFirst().orElseThrow();
    if (referral.getService() == Service.TAKEDOWN) {
      // A take-down desk works on content, not on the child: nothing of her, her case or its risk.
      return new InboxItem(state.getCaseId(), state.getCaseReference(), referralId, referral.getService(),
          referral.getUnitId(), referral.getState(), referral.getPriority(), referral.getDeadline(), null, null,
          null, null, false, List.of(), null);
    }
    return new InboxItem(state.getCaseId(), state.getCaseReference(), referralId, referral.getService(),
        referral.getUnitId(), referral.getState(), referral.getPriority(), referral.getDeadline(),
        intake.getProvince(), intake.getChildAgeBand(), intake.getChildGender(), intake.getLanguage(),
        Boolean.TRUE.equals(intake.getPreferences().getFemaleOfficer()), intake.getIncidentCategories(),
        intake.getRiskLevel());
  }

  /**
   * A case as the caller may see it: whole, or their unit's own referrals and actions only, without the case's
   * province and risk ({@link CaseSight}).
   */
  static CaseView caseView(CaseSight sight) {
    CaseState state = sight.state();
    if (sight.whole()) {
      return new CaseView(state.getCaseId(), state.getCaseReference(), state.getStatus(), state.getProvince(),
          state.getRiskLevel(), state.getVersion(), state.getUpdatedAt(),
          state.getReferrals().stream().map(CaseViews::referralView).toList(),
          state.getTimeline().stream().map(CaseViews::timelineView).toList(), links(state));
    }
    return new CaseView(state.getCaseId(), state.getCaseReference(), state.getStatus(), null, null,
        state.getVersion(), state.getUpdatedAt(),
        state.getReferrals().stream().filter(referral -> sight.units().contains(referral.getUnitId()))
            .map(CaseViews::referralView).toList(),
        state.getTimeline().stream().filter(entry -> entry.getUnitId() != null
                && sight.units().contains(entry.getUnitId()))
            .map(CaseViews::timelineView).toList(), links(state));
  }

  /** The cases that reported the same content: the police and the take-down desk both need them, whole or not. */
  private static List<LinkView> links(CaseState state) {
    return state.getLinks().stream().map(link -> new LinkView(link.getCaseId(), link.getLinkedAt(),
        link.getAlgorithm(), link.getDistance())).toList();
  }

  /** The answer to an action: the event that records it, on its way to the router. */
  static Recorded recorded(UpdateStamp update) {
    return new Recorded(update.eventId(), update.referralId(), update.action().pastTense());
  }

  private static ReferralView referralView(ReferralSummary summary) {
    return new ReferralView(summary.getReferralId(), summary.getService(), summary.getUnitId(),
        summary.getState(), summary.getPriority(), summary.getDeadline(), summary.getUpdatedAt());
  }

  private static TimelineView timelineView(TimelineEntry entry) {
    return new TimelineView(entry.getAt(), entry.getEvent(), entry.getState(), entry.getReferralId(),
        entry.getUnitId());
  }
}
