package org.komar.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.komar.events.Language;

/** The form's answers become a web report of the hotline, or the questions to ask again; nothing is guessed. */
class ReportFormTest {


  @Test
  @SuppressWarnings("unchecked")
  void shouldMakeAWebReportOfTheHotlineFromTheAnswers() {
    ReportForm.Outcome outcome = ReportForm.read(Answers.aGirlsReport(), "hotline-1280", Language.KHMER);

    assertThat(outcome.problems()).isEmpty();
    Map<String, Object> intake = outcome.intake().orElseThrow();
    assertThat(intake).containsEntry("hotlineId", "hotline-1280").containsEntry("channel", "INTERNET_HOTLINE")
        .containsEntry("reporterRelationship", "SELF").containsEntry("riskLevel", "HIGH")
        .containsEntry("incidentCategories", List.of("SEXTORTION")).containsEntry("platforms", List.of("TELEGRAM"))
        .containsEntry("contentUrls", List.of("https://t.me/example/42"))
        .containsEntry("reporterContact", Map.of("phone", "+855 12 345 678"));
    assertThat((Map<String, Object>) intake.get("child")).containsEntry("identity", Map.of("name", "សុខា"))
        .containsEntry("language", "KHMER");
    assertThat((Map<String, Object>) intake.get("preferences")).containsEntry("femaleOfficer", true)
        .containsEntry("contactChannel", "SMS").containsEntry("reporterMessages", "DISCREET");
    assertThat((List<Map<String, Object>>) intake.get("consents")).hasSize(5)
        .contains(Map.of("purpose", "POLICE_REFERRAL", "granted", true, "givenBy", "CHILD"),
            Map.of("purpose", "CONTENT_REMOVAL", "granted", false, "givenBy", "CHILD"),
            Map.of("purpose", "REPORTER_UPDATES", "granted", true, "givenBy", "CHILD"));
  }

  @Test
  void shouldSendNeitherNameNorContactOfAnAnonymousReporter() {
    Map<String, String> form = Answers.aGirlsReport();
    form.put("anonymous", "yes");

    Map<String, Object> intake = ReportForm.read(form, "hotline-1280", Language.ENGLISH).intake().orElseThrow();

    assertThat(intake).doesNotContainKey("reporterContact");
    assertThat(intake.toString()).doesNotContain("សុខា", "+855");
    assertThat(intake.get("preferences").toString()).contains("contactChannel=NO_CONTACT");
    assertThat(intake.get("consents").toString()).as("no news can be sent to nobody")
        .contains("purpose=REPORTER_UPDATES, granted=false");
  }

  @Test
  void shouldAskAgainWhatWasNotAnsweredOrCannotBeRight() {
    Map<String, String> form = Answers.aGirlsReport();
    form.remove("who");
    form.remove("what.SEXTORTION");
    form.put("link2", "javascript:alert(1)");
    form.put("phone", "call me");
    form.put("province", "ATLANTIS");
    form.remove("femaleOfficer");

    ReportForm.Outcome outcome = ReportForm.read(form, "hotline-1280", Language.KHMER);

    assertThat(outcome.intake()).isEmpty();
    assertThat(outcome.problems()).containsExactlyInAnyOrder("who", "what", "link2", "phone", "province",
        "femaleOfficer");
  }

  @Test
  void shouldLetAParentConsentForTheChild() {
    Map<String, String> form = Answers.aGirlsReport();
    form.put("who", "OTHER");
    form.put("relationship", "PARENT");
    form.put("danger", "yes");

    Map<String, Object> intake = ReportForm.read(form, "hotline-1280", Language.KHMER).intake().orElseThrow();

    assertThat(intake).containsEntry("reporterRelationship", "PARENT").containsEntry("riskLevel", "IMMEDIATE_DANGER");
    assertThat(intake.get("consents").toString()).contains("givenBy=GUARDIAN").doesNotContain("givenBy=CHILD");
  }
}
