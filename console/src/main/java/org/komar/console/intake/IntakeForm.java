package org.komar.console.intake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.komar.console.ChildIdentity;
import org.komar.events.AgeBand;
import org.komar.events.Channel;
import org.komar.events.ConsentGiver;
import org.komar.events.ConsentPurpose;
import org.komar.events.ContactChannel;
import org.komar.events.Gender;
import org.komar.events.IncidentCategory;
import org.komar.events.Language;
import org.komar.events.OnlinePlatform;
import org.komar.events.Province;
import org.komar.events.ReporterMessages;
import org.komar.events.ReporterRelationship;
import org.komar.events.RiskLevel;

/**
 * The intake page's answers, checked against the events' own enums and turned into the intake API's request.
 * Checkboxes have a name each ({@code category.SEXTORTION}), so the form is a plain map of strings.
 */
record IntakeForm(Map<String, Object> body, List<String> problems) {

  /** The options of every list on the page, in the events' order; the same for every request. */
  private static final Map<String, Object> CHOICES = listChoices();

  static Map<String, Object> choices() {
    return CHOICES;
  }

  private static Map<String, Object> listChoices() {
    Map<String, Object> choices = new LinkedHashMap<>();
    choices.put("provinces", names(Province.values()));
    choices.put("ageBands", names(AgeBand.values()));
    choices.put("genders", names(Gender.values()));
    choices.put("languages", names(Language.values()));
    choices.put("contactChannels", names(ContactChannel.values()));
    choices.put("categories", names(IncidentCategory.values()));
    choices.put("riskLevels", names(RiskLevel.values()));
    choices.put("channels", names(Channel.values()));
    choices.put("relationships", names(ReporterRelationship.values()));
    choices.put("consentPurposes", names(ConsentPurpose.values()));
    choices.put("consentGivers", names(ConsentGiver.values()));
    choices.put("platforms", names(OnlinePlatform.values()));
    return java.util.Collections.unmodifiableMap(choices);
  }

  static IntakeForm from(Map<String, String> form, String hotline) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> child = new LinkedHashMap<>();
    child.put("ageBand", one(form, "ageBand", AgeBand.values(), problems));
    child.put("gender", one(form, "gender", Gender.values(), problems));
    child.put("province", one(form, "province", Province.values(), problems));
    child.put("language", one(form, "childLanguage", Language.values(), problems));
    Map<String, Object> identity = new LinkedHashMap<>();
    // All optional, all sealed by the intake service before anything is stored.
    ChildIdentity.PARTS.forEach(part -> text(form, ChildIdentity.formField(part))
        .ifPresent(value -> identity.put(part, value)));
    if (!identity.isEmpty()) {
      child.put("identity", identity);
    }
    Map<String, Object> preferences = new LinkedHashMap<>();
    preferences.put("femaleOfficer", "yes".equals(form.get("femaleOfficer")));
    preferences.put("contactChannel", one(form, "contactChannel", ContactChannel.values(), problems));
    preferences.put("language", one(form, "preferredLanguage", Language.values(), problems));
    // Discreet unless the reporter chose otherwise: a message on a shared phone must not show a report was made.
    preferences.put("reporterMessages", "WITH_REFERENCE".equals(form.get("reporterMessages"))
        ? ReporterMessages.WITH_REFERENCE.name() : ReporterMessages.DISCREET.name());
    String givenBy = one(form, "consentGivenBy", ConsentGiver.values(), problems);
    List<Map<String, Object>> consents = new ArrayList<>();
    for (ConsentPurpose purpose : ConsentPurpose.values()) {
      consents.add(Map.of("purpose", purpose.name(), "granted", "yes".equals(form.get("consent." + purpose.name())),
          "givenBy", givenBy == null ? ConsentGiver.CHILD.name() : givenBy));
    }
    List<String> categories = checked(form, "category.", IncidentCategory.values());
    if (categories.isEmpty()) {
      problems.add("problem.category");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("hotlineId", hotline);
    body.put("channel", one(form, "channel", Channel.values(), problems));
    body.put("reporterRelationship", one(form, "relationship", ReporterRelationship.values(), problems));
    body.put("child", child);
    body.put("preferences", preferences);
    body.put("consents", consents);
    body.put("incidentCategories", categories);
    body.put("riskLevel", one(form, "riskLevel", RiskLevel.values(), problems));
    List<String> platforms = checked(form, "platform.", OnlinePlatform.values());
    if (!platforms.isEmpty()) {
      body.put("platforms", platforms);
    }
    text(form, "narrative").ifPresent(narrative -> body.put("narrative", narrative));
    lines(form, "contentUrls").ifPresent(urls -> body.put("contentUrls", urls));
    lines(form, "offenderHandles").ifPresent(handles -> body.put("offenderHandles", handles));
    text(form, "reporterPhone").ifPresent(phone -> body.put("reporterContact", Map.of("phone", phone)));
    return new IntakeForm(body, problems);
  }

  private static String one(Map<String, String> form, String field, Enum<?>[] allowed, List<String> problems) {
    String value = form.get(field);
    for (Enum<?> option : allowed) {
      if (option.name().equals(value)) {
        return value;
      }
    }
    problems.add("problem." + field);
    return null;
  }

  private static List<String> checked(Map<String, String> form, String prefix, Enum<?>[] options) {
    return Arrays.stream(options).map(Enum::name).filter(name -> form.containsKey(prefix + name)).toList();
  }

  private static java.util.Optional<List<String>> lines(Map<String, String> form, String field) {
    return text(form, field).map(value -> Arrays.stream(value.split("\\R")).map(String::trim)
        .filter(line -> !line.isEmpty()).toList()).filter(list -> !list.isEmpty());
  }

  private static java.util.Optional<String> text(Map<String, String> form, String field) {
    return java.util.Optional.ofNullable(form.get(field)).map(String::strip).filter(value -> !value.isEmpty());
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
