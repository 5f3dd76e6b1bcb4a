package org.komar.notification.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.komar.events.Language;
import org.komar.events.ReporterMessages;
import org.komar.schemas.reporter.ReporterStatus;
import org.komar.schemas.reporter.ReporterTexts;

/** Every message exists in Khmer and English and renders whole from exactly the variables it may use. */
class NotificationTemplatesTest {

  private final Templates templates = Templates.standard();

  @Test
  void shouldRenderEveryTemplateInBothLanguagesWithoutAHole() {
    for (Template template : Template.values()) {
      Map<String, String> variables = new HashMap<>();
      template.variables().forEach(name -> variables.put(name, "<" + name + ">"));
      for (Language language : Templates.LANGUAGES) {
        Templates.Rendered rendered = templates.render(template, language, variables);
        assertThat(rendered.subject()).as(template + " " + language).isNotBlank().doesNotContain("{", "}");
        assertThat(rendered.text()).as(template + " " + language).isNotBlank().doesNotContain("{", "}");
        boolean khmer = rendered.text().codePoints().anyMatch(c -> c >= 0x1780 && c <= 0x17FF);
        assertThat(khmer).as(template + " written in " + language).isEqualTo(language == Language.KHMER);
      }
    }
  }

  @Test
  void shouldTellReportersNothingButTheirReference() {
    for (Template template : new Template[] {Template.REPORT_RECEIVED, Template.REPORT_IN_PROGRESS,
        Template.REPORT_CLOSED}) {
      assertThat(template.variables()).containsExactly("caseReference");
    }
  }

  @Test
  void shouldSendAReporterDiscreetWordsUnlessTheyChoseTheirReference() {
    NotificationPlanner planner = new NotificationPlanner(null, "https://console.example");
    for (ReporterStatus status : ReporterTexts.SENT) {
      PlannedDelivery discreet = planner.toReporter(status, ReporterMessages.DISCREET, "K7-4MXR", Language.KHMER);
      assertThat(discreet.variables()).as("a discreet message's row holds no reference").isEmpty();
      assertThat(discreet.template().variables()).isEmpty();
      for (Language language : Templates.LANGUAGES) {
        Templates.Rendered rendered = templates.render(discreet.template(), language, Map.of());
        String words = (rendered.subject() + " " + rendered.text()).toLowerCase(Locale.ROOT);
        assertThat(ReporterTexts.WORDS_A_DISCREET_TEXT_NEVER_HOLDS).as(status + " " + language)
            .noneMatch(words::contains);
      }
      PlannedDelivery named = planner.toReporter(status, ReporterMessages.WITH_REFERENCE, "K7-4MXR",
          Language.ENGLISH);
      assertThat(templates.render(named.template(), Language.ENGLISH, named.variables()).text())
          .contains("K7-4MXR", "report");
    }
  }

  @Test
  void shouldRefuseToRenderWithAMissingVariable() {
    assertThatThrownBy(() -> templates.render(Template.REPORT_RECEIVED, Language.KHMER, Map.of()))
        .hasMessageContaining("{caseReference}");
  }

  @Test
  void shouldWriteKhmerToEveryoneWhoseLanguageWeDoNotWriteIn() {
    assertThat(Templates.languageFor(Language.VIETNAMESE)).isEqualTo(Language.KHMER);
    assertThat(Templates.languageFor(Language.ENGLISH)).isEqualTo(Language.ENGLISH);
  }
}
