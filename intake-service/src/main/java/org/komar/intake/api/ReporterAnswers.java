package org.komar.intake.api;

import org.komar.schemas.reporter.ReporterStatus;
import org.komar.schemas.reporter.ReporterTexts;

/**
 * What a reporter's status check answers, in simple words, in Khmer or English: never a case detail, only where
 * the help stands. The texts are the reporters' texts of schemas ({@link ReporterTexts}), the ones
 * notification-service sends, so a reporter reads the same words whichever way they hear.
 */
public final class ReporterAnswers {

  /** The languages a reporter can be answered in. */
  public enum Language { KHMER, ENGLISH }

  private static final ReporterTexts TEXTS = ReporterTexts.standard();

  private ReporterAnswers() {
  }

  /** The answer for a report at {@code status} (an {@code intakes.status}), naming its reference only. */
  static String forStatus(String status, String caseReference, Language language) {
    ReporterStatus reporterStatus;
    try {
      reporterStatus = ReporterStatus.valueOf(status);
    } catch (IllegalArgumentException unknown) {
      throw new IllegalStateException("No reporter message for status " + status);
    }
    return ReporterTexts.fill(TEXTS.of(reporterStatus, language(language)).text(), caseReference);
  }

  static String tooManyTries(Language language) {
    return TEXTS.tooManyTries(language(language));
  }

  static String notFound(Language language) {
    return TEXTS.notFound(language(language));
  }

  private static org.komar.events.Language language(Language language) {
    return org.komar.events.Language.valueOf(language.name());
  }
}
