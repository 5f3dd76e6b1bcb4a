package org.komar.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.komar.events.Consent;
import org.komar.events.ConsentGiver;
import org.komar.events.ConsentPurpose;
import org.komar.events.HashAlgorithm;
import org.komar.events.IncidentCategory;
import org.komar.events.IntakeReceived;
import org.komar.events.MediaHash;
import org.komar.events.RiskLevel;
import org.komar.events.Service;
import org.komar.routing.Intakes;

/** Each rule of DESIGN.md on its own, then the validation that names a bad rule. */
class RoutingRulesTest {

  private final RoutingRules rules = RoutingRules.standard();

  private static IntakeReceived intake(RiskLevel risk, List<IncidentCategory> categories, List<ConsentPurpose> consents,
      boolean content) {
    return Intakes.girlInSiemReap().setRiskLevel(risk).setIncidentCategories(categories)
        .setConsents(consents.stream().map(purpose -> new Consent(purpose, true, ConsentGiver.CHILD)).toList())
        .setMediaHashes(content ? List.of(new MediaHash(HashAlgorithm.SHA256, "ab12")) : List.of()).build();
  }

  @Test
  void shouldSendImmediateDangerToThePoliceWithinTheHourEvenWithoutConsent() {
    List<PlannedReferral> referrals = rules.referralsFor(RoutingRule.Trigger.INTAKE,
        intake(RiskLevel.IMMEDIATE_DANGER, List.of(IncidentCategory.GROOMING), List.of(), false));

    assertThat(referrals).containsExactly(
        new PlannedReferral("mandatory-police-report", Service.POLICE, 1, Duration.ofHours(1), true));
  }

  @Test
  void shouldSendCsamProductionToThePoliceAsMandatoryButRecordNoOverrideWhenConsented() {
    List<PlannedReferral> referrals = rules.referralsFor(RoutingRule.Trigger.INTAKE,
        intake(RiskLevel.HIGH, List.of(IncidentCategory.CSAM_PRODUCTION), List.of(ConsentPurpose.POLICE_REFERRAL),
            false));

    assertThat(referrals).containsExactly(
        new PlannedReferral("mandatory-police-report", Service.POLICE, 1, Duration.ofHours(1), false));
  }

  @Test
  void shouldSendOtherCasesToThePoliceOnlyWithConsent() {
    IntakeReceived sextortion = intake(RiskLevel.HIGH, List.of(IncidentCategory.SEXTORTION), List.of(), false);
    IntakeReceived consented = intake(RiskLevel.HIGH, List.of(IncidentCategory.SEXTORTION),
        List.of(ConsentPurpose.POLICE_REFERRAL), false);

    assertThat(rules.referralsFor(RoutingRule.Trigger.INTAKE, sextortion)).isEmpty();
    assertThat(rules.referralsFor(RoutingRule.Trigger.INTAKE, consented)).containsExactly(
        new PlannedReferral("police-with-consent", Service.POLICE, 2, Duration.ofHours(24), false));
  }

  @Test
  void shouldReferEveryConsentingChildToACounsellorWithin24Hours() {
    assertThat(rules.referralsFor(RoutingRule.Trigger.INTAKE, intake(RiskLevel.LOW,
        List.of(IncidentCategory.ONLINE_SEXUAL_HARASSMENT), List.of(ConsentPurpose.PSYCHOSOCIAL_SUPPORT), false)))
        .containsExactly(new PlannedReferral("psychosocial-support", Service.PSYCHOSOCIAL, 2, Duration.ofHours(24),
            false));
  }

  @Test
  void shouldAskForTakedownWheneverContentWasReportedWithoutAskingConsent() {
    assertThat(rules.referralsFor(RoutingRule.Trigger.INTAKE,
        intake(RiskLevel.MEDIUM, List.of(IncidentCategory.CSAM_DISTRIBUTION), List.of(), true)))
        .containsExactly(new PlannedReferral("content-takedown", Service.TAKEDOWN, 2, Duration.ofHours(24), false));
    assertThat(rules.referralsFor(RoutingRule.Trigger.INTAKE,
        intake(RiskLevel.MEDIUM, List.of(IncidentCategory.CSAM_DISTRIBUTION), List.of(), false))).isEmpty();
  }

  @Test
  void shouldFollowUpOnlyAfterACounsellorAccepted() {
    IntakeReceived consented = intake(RiskLevel.LOW, List.of(IncidentCategory.GROOMING),
        List.of(ConsentPurpose.FOLLOW_UP), false);

    assertThat(rules.referralsFor(RoutingRule.Trigger.INTAKE, consented)).isEmpty();
    assertThat(rules.referralsFor(RoutingRule.Trigger.PSYCHOSOCIAL_ACCEPTED, consented)).containsExactly(
        new PlannedReferral("follow-up-after-counselling", Service.FOLLOW_UP, 3, Duration.ofDays(3), false));
  }

  @Test
  void shouldMakeOneReferralPerServiceForTheJourneyCase() {
    List<PlannedReferral> referrals = rules.referralsFor(RoutingRule.Trigger.INTAKE, intake(RiskLevel.HIGH,
        List.of(IncidentCategory.SEXTORTION), List.of(ConsentPurpose.values()), true));

    assertThat(referrals).extracting(PlannedReferral::service)
        .containsExactly(Service.POLICE, Service.PSYCHOSOCIAL, Service.TAKEDOWN);
  }

  @Test
  void shouldNameTheRuleThatCannotBeRead() {
    String valid = """
        {"name": "%s", "on": "INTAKE", "service": "%s", "when": %s, "priority": %d, "deadline": "%s"}""";
    assertThatThrownBy(() -> RoutingRules.parse("{\"rules\": [" + valid.formatted("x-ray", "ARMY", "{}", 1, "PT1H")
        + "]}")).isInstanceOf(InvalidRuleException.class).hasMessageContaining("rule \"x-ray\"")
        .hasMessageContaining("unknown service \"ARMY\"");
    assertThatThrownBy(() -> RoutingRules.parse("{\"rules\": [" + valid.formatted("slow", "POLICE", "{}", 1, "a day")
        + "]}")).hasMessageContaining("rule \"slow\"").hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> RoutingRules.parse("{\"rules\": [" + valid.formatted("odd", "POLICE",
        "{\"weather\": \"rain\"}", 1, "PT1H") + "]}")).hasMessageContaining("rule \"odd\"")
        .hasMessageContaining("unknown condition \"weather\"");
    assertThatThrownBy(() -> RoutingRules.parse("{\"rules\": [" + valid.formatted("twice", "POLICE", "{}", 1, "PT1H")
        + ", " + valid.formatted("twice", "TAKEDOWN", "{}", 2, "PT1H") + "]}"))
        .hasMessageContaining("rule \"twice\"").hasMessageContaining("same name");
    assertThatThrownBy(() -> RoutingRules.parse("{\"rules\": [" + valid.formatted("urgent", "POLICE", "{}", 0, "PT1H")
        + "]}")).hasMessageContaining("rule \"urgent\"").hasMessageContaining("priority");
    assertThatThrownBy(() -> RoutingRules.parse("{\"rules\": [{\"name\": \"forced\", \"on\": \"INTAKE\","
        + " \"service\": \"POLICE\", \"when\": {}, \"mandatory\": true, \"priority\": 1, \"deadline\": \"PT1H\"}]}"))
        .hasMessageContaining("rule \"forced\"").hasMessageContaining("mandatory but names no consent");
    assertThatThrownBy(() -> RoutingRules.parse("not json")).hasMessageContaining("not valid JSON");
  }
}
