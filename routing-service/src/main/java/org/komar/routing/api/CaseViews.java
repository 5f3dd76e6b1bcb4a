package org.komar.routing.api;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.komar.events.AgeBand;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.Gender;
import org.komar.events.IncidentCategory;
import org.komar.events.IntakeReceived;
import org.komar.events.Language;
import org.komar.events.Province;
import org.komar.events.ReferralState;
import org.komar.events.ReferralSummary;
import org.komar.events.RiskLevel;
import org.komar.events.Service;
import org.komar.events.TimelineEntry;
import org.komar.events.TimelineEvent;
import org.komar.routing.agency.UpdateStamp;
import org.komar.routing.runtime.CaseStores;

/** What the agency API shows: INTERNAL fields only. Sealed values are opened through the vault, never here. */
public final class CaseViews {

  private CaseViews() {
  }

  /** One open referral in a unit's inbox. */
  @Serdeable
  public record InboxItem(String caseId, String caseReference, String referralId, Service service, String unitId,
      ReferralState state, int priority, Instant deadline, Province province, AgeBand childAgeBand,
      Gender childGender, Language language, boolean femaleOfficerRequested,
      List<IncidentCategory> incidentCategories, RiskLevel riskLevel) {

    static InboxItem of(CaseStores.InboxEntry entry) {
      return of(entry.referralId(), entry.state(), entry.intake());
    }

    private static InboxItem of(String referralId, CaseState state, IntakeReceived intake) {
      ReferralSummary referral = state.getReferrals().stream()
          .filter(summary -> summary.getReferralId().equals(referralId)).findFirst().orElseThrow();
      return new InboxItem(state.getCaseId(), state.getCaseReference(), referralId, referral.getService(),
          referral.getUnitId(), referral.getState(), referral.getPriority(), referral.getDeadline(),
          intake.getProvince(), intake.getChildAgeBand(), intake.getChildGender(), intake.getLanguage(),
          Boolean.TRUE.equals(intake.getPreferences().getFemaleOfficer()), intake.getIncidentCategories(),
          intake.getRiskLevel());
    }
  }

  /** A case as every unit that holds one of its referrals sees it. */
  @Serdeable
  public record CaseView(String caseId, String caseReference, CaseStatus status, Province province,
      RiskLevel riskLevel, long version, Instant updatedAt, List<ReferralView> referrals,
      List<TimelineView> timeline) {

    static CaseView of(CaseState state) {
      return new CaseView(state.getCaseId(), state.getCaseReference(), state.getStatus(), state.getProvince(),
          state.getRiskLevel(), state.getVersion(), state.getUpdatedAt(),
          state.getReferrals().stream().map(ReferralView::of).toList(),
          state.getTimeline().stream().map(TimelineView::of).toList());
    }
  }

  @Serdeable
  public record ReferralView(String referralId, Service service, String unitId, ReferralState state, int priority,
      Instant deadline, Instant updatedAt) {

    static ReferralView of(ReferralSummary summary) {
      return new ReferralView(summary.getReferralId(), summary.getService(), summary.getUnitId(),
          summary.getState(), summary.getPriority(), summary.getDeadline(), summary.getUpdatedAt());
    }
  }

  @Serdeable
  public record TimelineView(Instant at, TimelineEvent event, ReferralState state, String referralId,
      String unitId) {

    static TimelineView of(TimelineEntry entry) {
      return new TimelineView(entry.getAt(), entry.getEvent(), entry.getState(), entry.getReferralId(),
          entry.getUnitId());
    }
  }

  /** The answer to an action: the event that records it, on its way to the router. */
  @Serdeable
  public record Recorded(String eventId, String referralId, String action) {

    static Recorded of(UpdateStamp update) {
      return new Recorded(update.eventId(), update.referralId(), update.action().pastTense());
    }
  }
}
