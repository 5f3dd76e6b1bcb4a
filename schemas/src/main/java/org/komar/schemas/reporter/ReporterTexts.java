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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.komar.events.Language;

/**
 * Every text Komar gives a reporter, in Khmer and English, written once ({@code reporter-texts.json} beside this
 * class): intake-service's status check answers with them and notification-service sends them. Simple words and
 * never a case detail: the only variable a text may hold is the report's own reference, {@value #VARIABLE}.
 */
public final class ReporterTexts {

  /** The one variable of a reporter's text, as it is written in the file. */
  public static final String VARIABLE = "caseReference";
  /** The languages reporters' texts are written in. */
  public static final List<Language> LANGUAGES = List.of(Language.KHMER, Language.ENGLISH);

  private static final String RESOURCE = "/org/komar/schemas/reporter/reporter-texts.json";
  private static final Pattern ANY_VARIABLE = Pattern.compile("\\{([a-zA-Z]+)}");
  private static final String NOT_FOUND = "NOT_FOUND";
  private static final String TOO_MANY_TRIES = "TOO_MANY_TRIES";

  /** A text as written, {@value #VARIABLE} not yet filled in; the subject is for email (empty for none). */
  public record Text(String subject, String text) {
  }

  private final Map<String, Map<Language, Text>> texts;

  private ReporterTexts(Map<String, Map<Language, Text>> texts) {
    this.texts = texts;
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
        Map<Language, Text> byLanguage = new EnumMap<>(Language.class);
        for (Language language : LANGUAGES) {
          JsonNode text = root.path(name).path(language.name());
          if (text.path("text").asText().isBlank()) {
            throw new IllegalStateException("The reporters' text " + name + " has no " + language + " text");
          }
          byLanguage.put(language, new Text(checked(name, text.path("subject").asText()),
              checked(name, text.path("text").asText())));
        }
        texts.put(name, byLanguage);
      }
      return new ReporterTexts(texts);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the reporters' texts", e);
    }
  }

  /** What a reporter is told of their report at this status, as written. */
  public Text of(ReporterStatus status, Language language) {
    return get(status.name(), language);
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
    Text text = texts.get(name).get(language);
    if (text == null) {
      throw new IllegalArgumentException("Reporters' texts are written in Khmer and English only, not " + language);
    }
    return text;
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
