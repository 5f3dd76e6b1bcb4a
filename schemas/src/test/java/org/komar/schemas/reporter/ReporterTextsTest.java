package org.komar.schemas.reporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.komar.events.Language;
import org.komar.events.ReporterMessages;

/** Every reporter's text exists in Khmer and English, each in its own script, and holds only the reference. */
class ReporterTextsTest {

  private final ReporterTexts texts = ReporterTexts.standard();

  @Test
  void shouldWriteEveryStatusInKhmerAndEnglish() {
    for (ReporterStatus status : ReporterStatus.values()) {
      for (Language language : ReporterTexts.LANGUAGES) {
        String text = ReporterTexts.fill(texts.of(status, language).text(), "AB-2345");
        assertThat(text).as(status + " " + language).isNotBlank().doesNotContain("{", "}");
        boolean khmer = text.codePoints().anyMatch(c -> c >= 0x1780 && c <= 0x17FF);
        assertThat(khmer).as(status + " written in " + language).isEqualTo(language == Language.KHMER);
      }
    }
  }

  @Test
  void shouldNameTheReportInEveryUpdateAReporterIsSent() {
    for (ReporterStatus status : new ReporterStatus[] {ReporterStatus.RECEIVED, ReporterStatus.IN_PROGRESS,
        ReporterStatus.CLOSED}) {
      for (Language language : ReporterTexts.LANGUAGES) {
        assertThat(ReporterTexts.fill(texts.of(status, language).text(), "AB-2345")).contains("AB-2345");
        assertThat(texts.of(status, language).subject()).isNotBlank();
      }
    }
  }

  @Test
  void shouldSendDiscreetWordsUnlessTheReporterChoseTheirReference() {
    for (ReporterStatus status : ReporterTexts.SENT) {
      for (Language language : ReporterTexts.LANGUAGES) {
        ReporterTexts.Text discreet = texts.sent(status, language, ReporterMessages.DISCREET);
        String both = (discreet.subject() + " " + discreet.text()).toLowerCase(Locale.ROOT);
        assertThat(both).as(status + " " + language).doesNotContain("{").isNotBlank();
        assertThat(ReporterTexts.WORDS_A_DISCREET_TEXT_NEVER_HOLDS).noneMatch(both::contains);
        boolean khmer = both.codePoints().anyMatch(c -> c >= 0x1780 && c <= 0x17FF);
        assertThat(khmer).as(status + " written in " + language).isEqualTo(language == Language.KHMER);
        assertThat(texts.sent(status, language, ReporterMessages.WITH_REFERENCE)).isEqualTo(texts.of(status, language));
      }
    }
    assertThat(texts.of(ReporterStatus.RECEIVED, Language.ENGLISH).text().toLowerCase(Locale.ROOT))
        .as("the word list catches the texts that name the report").contains("report");
    assertThatThrownBy(() -> texts.sent(ReporterStatus.ERASED, Language.KHMER, ReporterMessages.DISCREET))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldAnswerAnUnknownReportWithoutRepeatingWhatWasAsked() {
    assertThat(texts.notFound(Language.ENGLISH)).contains("could not find").doesNotContain("{");
    assertThat(texts.tooManyTries(Language.KHMER)).isNotBlank().doesNotContain("{");
  }
}
