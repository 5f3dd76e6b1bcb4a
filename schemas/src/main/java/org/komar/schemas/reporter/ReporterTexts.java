package org.komar.schemas.reporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.komar.events.Language;
import org.komar.events.ReporterMessages;

/**
 * Every text Komar gives a reporter, in Khmer and English, written once ({@code reporter-texts.json} beside this
 * class): intake-service's status check answers with them and notification-service sends them. Simple words and
 * never a case detail: the only variable a text may hold is the report's own reference, {@value #VARIABLE}.
 *
 * <p>The updates a reporter is sent ({@link #SENT}) are written twice: as they are, naming the report and its
 * reference, and {@link ReporterMessages#DISCREET}, the default, for a phone others may read: no variable at all,
 * and none of the {@link #WORDS_A_DISCREET_TEXT_NEVER_HOLDS}.
 */
public final class ReporterTexts {

  /** The one variable of a reporter's text, as it is written in the file. */
  public static final String VARIABLE = "caseReference";
  /** The languages reporters' texts are written in. */
  public static final List<Language> LANGUAGES = List.of(Language.KHMER, Language.ENGLISH);

  /** The statuses a reporter is sent a message about; the others only ever answer a status check. */
  public static final List<ReporterStatus> SENT =
      List.of(ReporterStatus.RECEIVED, ReporterStatus.IN_PROGRESS, ReporterStatus.CLOSED);
  /**
   * Words that would tell whoever picks up a shared phone that a report was made, in English and Khmer (lower
   * case): a discreet text holding one is refused when the texts are read.
   */
  public static final List<String> WORDS_A_DISCREET_TEXT_NEVER_HOLDS = List.of("report", "abuse", "exploit",
      "case", "police", "hotline", "counsel", "child", "1280",
      "របាយការណ៍", "រំលោភ", "ករណី", "ប៉ូលិស", "ទូរស័ព្ទជំនួយ", "អ្នកប្រឹក្សា", "កុមារ", "ផ្លូវភេទ");

  private static final String RESOURCE = "/org/komar/schemas/reporter/reporter-texts.json";
  private static final Pattern ANY_VARIABLE = Pattern.compile("\\{([a-zA-Z]+)}");
  private static final String NOT_FOUND = "NOT_FOUND";
  private static final String TOO_MANY_TRIES = "TOO_MANY_TRIES";
  private static final String DISCREET = "DISCREET";

  /** A text as written, {@value #VARIABLE} not yet filled in; the subject is for email (empty for none). */
  public record Text(String subject, String text) {
  }

  private final Map<String, Map<Language, Text>> texts;
  private final Map<ReporterStatus, Map<Language, Text>> discreet;

  private ReporterTexts(Map<String, Map<Language, Text>> texts, Map<ReporterStatus, Map<Language, Text>> discreet) {
    this.texts = texts;
    this.discreet = discreet;
  }

  /** Reads the texts; every one must be there in every language, using no variable but the reference. */
  public static ReporterTexts standard() {
    try (InputStream in = ReporterTexts.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The reporters' texts are missing: " + RESOURCE);
      }
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, Map<Language, Text>> texts = new HashMap<>();
      List<String> names = new ArrayList<>(List.of(NOT_FOUND, TOO_MANY_TRIES));
      for (ReporterStatus status : ReporterStatus.values()) {
        names.add(status.name());
      }
      for (String name : names) {
        texts.put(name, inEveryLanguage(name, root.path(name)));
      }
      Map<ReporterStatus, Map<Language, Text>> discreet = new EnumMap<>(ReporterStatus.class);
      for (ReporterStatus status : SENT) {
        Map<Language, Text> byLanguage =
            inEveryLanguage(DISCREET + " " + status, root.path(DISCREET).path(status.name()));
        byLanguage.forEach((language, text) -> discreetOnly(status, language, text));
        discreet.put(status, byLanguage);
      }
      return new ReporterTexts(texts, discreet);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the reporters' texts", e);
    }
  }

  /** What a reporter is told of their report at this status, as written. */
  public Text of(ReporterStatus status, Language language) {
    return get(status.name(), language);
  }

  /**
   * The message a reporter is sent at this status ({@link #SENT} only), in the words they chose: discreet, holding
   * no variable, or {@link #of} with their reference.
   */
  public Text sent(ReporterStatus status, Language language, ReporterMessages messages) {
    if (!SENT.contains(status)) {
      throw new IllegalArgumentException("A reporter is sent no message for " + status);
    }
    return messages == ReporterMessages.WITH_REFERENCE ? of(status, language)
        : inLanguage(discreet.get(status), language);
  }

  /** The status check's answer to a reference and PIN that match no report (or not each other): says neither. */
  public String notFound(Language language) {
    return get(NOT_FOUND, language).text();
  }

  /** The status check's answer while a reference is locked after too many wrong PINs. */
  public String tooManyTries(Language language) {
    return get(TOO_MANY_TRIES, language).text();
  }

  /** A text with the report's reference filled in. */
  public static String fill(String text, String caseReference) {
    return text.replace("{" + VARIABLE + "}", caseReference);
  }

  private Text get(String name, Language language) {
    return inLanguage(texts.get(name), language);
  }

  private static Text inLanguage(Map<Language, Text> byLanguage, Language language) {
    Text text = byLanguage.get(language);
    if (text == null) {
      throw new IllegalArgumentException("Reporters' texts are written in Khmer and English only, not " + language);
    }
    return text;
  }

  private static Map<Language, Text> inEveryLanguage(String name, JsonNode node) {
    Map<Language, Text> byLanguage = new EnumMap<>(Language.class);
    for (Language language : LANGUAGES) {
      JsonNode text = node.path(language.name());
      if (text.path("text").asText().isBlank()) {
        throw new IllegalStateException("The reporters' text " + name + " has no " + language + " text");
      }
      byLanguage.put(language, new Text(checked(name, text.path("subject").asText()),
          checked(name, text.path("text").asText())));
    }
    return byLanguage;
  }

  private static void discreetOnly(ReporterStatus status, Language language, Text text) {
    String both = (text.subject() + " " + text.text()).toLowerCase(Locale.ROOT);
    if (both.contains("{")) {
      throw new IllegalStateException("The discreet " + status + " text in " + language + " holds a variable");
    }
    if (text.subject().isBlank()) {
      throw new IllegalStateException("The discreet " + status + " text in " + language + " has no subject");
    }
    for (String word : WORDS_A_DISCREET_TEXT_NEVER_HOLDS) {
      if (both.contains(word)) {
        throw new IllegalStateException("The discreet " + status + " text in " + language + " says \"" + word
            + "\", which would show that a report was made");
      }
    }
  }

  private static String checked(String name, String text) {
    Matcher variable = ANY_VARIABLE.matcher(text);
    while (variable.find()) {
      if (!VARIABLE.equals(variable.group(1))) {
        throw new IllegalStateException("The reporters' text " + name + " uses {" + variable.group(1)
            + "}; a reporter's text may hold only {" + VARIABLE + "}");
      }
    }
    return text;
  }
}
