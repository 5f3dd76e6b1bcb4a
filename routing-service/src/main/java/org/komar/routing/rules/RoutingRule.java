package org.komar.routing.rules;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.komar.events.ConsentPurpose;
import org.komar.events.IncidentCategory;
import org.komar.events.IntakeReceived;
import org.komar.events.RiskLevel;
import org.komar.events.Service;

/**
 * One routing rule, as data: on which event it is weighed, for which service, under which condition, with
 * which consent, and the priority and deadline of the referral it makes. A mandatory rule applies even without
 * the consent it names, and the referral records that override.
 */
public record RoutingRule(String name, String description, Trigger on, Service service, Condition when,
    Optional<ConsentPurpose> consent, boolean mandatory, int priority, Duration deadline) {

  /** When a rule is weighed. */
  public enum Trigger {
    /** A new intake. */
    INTAKE,
    /** A counsellor accepted the psychosocial referral of the case. */
    PSYCHOSOCIAL_ACCEPTED
  }

  /** A condition on an intake's INTERNAL fields; every part given must hold, and one of {@code anyOf}. */
  public record Condition(Set<RiskLevel> riskLevelIn, Set<IncidentCategory> categoryIn, Optional<Boolean> hasContent,
      List<Condition> anyOf) {

    public boolean holdsFor(IntakeReceived intake) {
      return (riskLevelIn.isEmpty() || riskLevelIn.contains(intake.getRiskLevel()))
          && (categoryIn.isEmpty() || intake.getIncidentCategories().stream().anyMatch(categoryIn::contains))
          && hasContent.map(wanted -> wanted == hasContent(intake)).orElse(true)
          && (anyOf.isEmpty() || anyOf.stream().anyMatch(condition -> condition.holdsFor(intake)));
    }

    private static boolean hasContent(IntakeReceived intake) {
      return intake.getContentUrls() != null || !intake.getMediaHashes().isEmpty();
    }
  }

  /** Whether the intake carries a granted consent for the purpose. */
  static boolean consented(IntakeReceived intake, ConsentPurpose purpose) {
    return intake.getConsents().stream().anyMatch(consent -> consent.getPurpose() == purpose
        && Boolean.TRUE.equals(consent.getGranted()));
  }
}
