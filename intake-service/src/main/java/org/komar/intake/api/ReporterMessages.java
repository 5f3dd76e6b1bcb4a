package org.komar.intake.api;

import java.util.Map;

/**
 * What a reporter is told about their report, in simple words, in Khmer or English: never a case detail, only
 * where the help stands.
 */
public final class ReporterMessages {

  /** The languages a reporter can be answered in. */
  public enum Language { KHMER, ENGLISH }

  private static final Map<String, Map<Language, String>> BY_STATUS = Map.of(
      "RECEIVED", Map.of(
          Language.KHMER, "យើងបានទទួលរបាយការណ៍របស់អ្នកហើយ។ អ្នកប្រឹក្សានឹងទាក់ទងអ្នកឆាប់ៗនេះ។ អ្នកមិននៅម្នាក់ឯងទេ។",
          Language.ENGLISH, "We received your report. A counsellor will contact you soon. You are not alone."),
      "IN_PROGRESS", Map.of(
          Language.KHMER, "មានអ្នកកំពុងជួយលើរបាយការណ៍របស់អ្នកហើយ។ គេនឹងទាក់ទងអ្នក។ អ្នកមិននៅម្នាក់ឯងទេ។",
          Language.ENGLISH, "Someone is now helping with your report. They will contact you. You are not alone."),
      "CLOSED", Map.of(
          Language.KHMER, "ការងារលើរបាយការណ៍របស់អ្នកបានបញ្ចប់ហើយ។ អរគុណដែលបានប្រាប់យើង។ អ្នកអាចហៅមកយើងគ្រប់ពេល។",
          Language.ENGLISH, "The work on your report is finished. Thank you for telling us. You can call us at any time."),
      "ERASED", Map.of(
          Language.KHMER, "របាយការណ៍នេះត្រូវបានបិទ។ ប្រសិនបើអ្នកត្រូវការជំនួយ សូមហៅមកយើងគ្រប់ពេល។",
          Language.ENGLISH, "This report is closed. If you need help, call us at any time."));

  private static final Map<Language, String> NOT_FOUND = Map.of(
      Language.KHMER, "យើងរកមិនឃើញរបាយការណ៍ដែលមានលេខយោង និងលេខសម្ងាត់នេះទេ។ សូមពិនិត្យម្តងទៀត ឬហៅមកយើង។",
      Language.ENGLISH, "We could not find a report with that reference and PIN. Please check them, or call us.");

  private static final Map<Language, String> TOO_MANY = Map.of(
      Language.KHMER, "មានការព្យាយាមច្រើនដងពេក។ សូមរង់ចាំ ១៥ នាទី ឬហៅមកយើង។",
      Language.ENGLISH, "Too many tries. Please wait 15 minutes, or call us.");

  private ReporterMessages() {
  }

  static String forStatus(String status, Language language) {
    Map<Language, String> messages = BY_STATUS.get(status);
    if (messages == null) {
      throw new IllegalStateException("No reporter message for status " + status);
    }
    return messages.get(language);
  }

  static String tooManyTries(Language language) {
    return TOO_MANY.get(language);
  }

  static String notFound(Language language) {
    return NOT_FOUND.get(language);
  }
}
