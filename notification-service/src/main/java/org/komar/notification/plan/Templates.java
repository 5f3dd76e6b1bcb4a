package org.komar.notification.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.komar.events.Language;
import org.komar.schemas.reporter.ReporterTexts;

/**
 * The message texts, in Khmer and English: agencies' in {@code org/komar/notification/templates.json}, reporters'
 * from schemas' {@link ReporterTexts} (shared with intake's status check). Rendering is strict:
 * a template that names a variable it was not given, or one its {@link Template} does not allow, is an error,
 * never a message with a hole or an extra value in it.
 */
public final class Templates {

  /** The languages messages are written in; any other recipient language gets Khmer. */
  public static final Language[] LANGUAGES = {Language.KHMER, Language.ENGLISH};

  private static final Pattern VARIABLE = Pattern.compile("\\{([a-zA-Z]+)}");

  /** A rendered message. */
  public record Rendered(String subject, String text) {
  }

  private record Text(String subject, String text) {
  }

  private final Map<Template, Map<Language, Text>> texts;

  private Templates(Map<Template, Map<Language, Text>> texts) {
    this.texts = texts;
  }

  public static Templates standard() {
    ReporterTexts reporterTexts = ReporterTexts.standard();
    try (InputStream in = Templates.class.getResourceAsStream("/org/komar/notification/templates.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      Map<Template, Map<Language, Text>> texts = new EnumMap<>(Template.class);
      for (Template template : Template.values()) {
        Map<Language, Text> byLanguage = new EnumMap<>(Language.class);
        for (Language language : LANGUAGES) {
          byLanguage.put(language, template.reporterStatus()
              .map(status -> reporterTexts.sent(status, language, template.reporterMessages().orElseThrow()))
              .map(text -> new Text(text.subject(), text.text()))
              .orElseGet(() -> agencyText(root, template, language)));
        }
        texts.put(template, byLanguage);
      }
      return new Templates(texts);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the message templates", e);
    }
  }

  private static Text agencyText(JsonNode root, Template template, Language language) {
    JsonNode text = root.path(template.name()).path(language.name());
    if (text.isMissingNode()) {
      throw new IllegalStateException("Template " + template + " has no " + language + " text");
    }
    return new Text(text.path("subject").asText(), text.path("text").asText());
  }

  /** The language a recipient reads: theirs if it is one of ours, else Khmer. */
  public static Language languageFor(Language preferred) {
    return preferred == Language.ENGLISH ? Language.ENGLISH : Language.KHMER;
  }

  public Rendered render(Template template, Language language, Map<String, String> variables) {
    Text text = texts.get(template).get(languageFor(language));
    return new Rendered(fill(template, text.subject(), variables), fill(template, text.text(), variables));
  }

  private static String fill(Template template, String text, Map<String, String> variables) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!template.variables().contains(name)) {
        throw new IllegalStateException("Template " + template + " uses {" + name + "}, which it may not");
      }
      String value = variables.get(name);
      if (value == null) {
        throw new IllegalStateException("Template " + template + " needs {" + name + "}, which was not given");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
