package org.komar.routing.casefile;

import java.time.Duration;
import org.komar.events.IncidentCategory;
import org.komar.events.Indicator;
import org.komar.events.Service;

/**
 * The facts the case file reports for the National Action Plan indicators, each by the intake's province: one
 * per incident category of a new intake; the minutes from the report to the case's first acceptance; whether an
 * acceptance met the child's request for a female officer (not a take-down desk's, which never meets the child);
 * each escalation of a missed deadline; each take-down completed with the content removed.
 */
final class IndicatorFacts {

  private IndicatorFacts() {
  }

  static void intakeReceived(CaseDraft draft) {
    for (IncidentCategory category : draft.intake.getIncidentCategories()) {
      fact(draft, Indicator.INTAKES, category, 1);
    }
  }

  static void firstAcceptance(CaseDraft draft) {
    long minutes = Duration.between(draft.intake.getOccurredAt(), draft.now).toMinutes();
    fact(draft, Indicator.TIME_TO_FIRST_ACCEPTANCE, null, Math.max(0, minutes));
  }

  static void accepted(CaseDraft draft, Referral referral, boolean femaleOfficerAssigned) {
    if (Boolean.TRUE.equals(draft.intake.getPreferences().getFemaleOfficer())
        && referral.getService() != Service.TAKEDOWN) {
      fact(draft, Indicator.FEMALE_OFFICER_REQUESTS_MET, null, femaleOfficerAssigned ? 1 : 0);
    }
  }

  static void escalated(CaseDraft draft) {
    fact(draft, Indicator.REFERRALS_ESCALATED, null, 1);
  }

  static void completed(CaseDraft draft, Referral referral, boolean contentRemoved) {
    if (referral.getService() == Service.TAKEDOWN && contentRemoved) {
      fact(draft, Indicator.TAKEDOWNS_COMPLETED, null, 1);
    }
  }

  private static void fact(CaseDraft draft, Indicator indicator, IncidentCategory category, long sample) {
    draft.emit(new Routed.Fact(indicator, draft.intake.getProvince(), category, sample));
  }
}
