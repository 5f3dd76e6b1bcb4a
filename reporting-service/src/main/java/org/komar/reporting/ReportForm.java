package org.komar.reporting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
 * The report form's answers turned into intake-service's request, as the hotline's web channel
 * ({@link Channel#INTERNET_HOTLINE}), or the names of the questions that need another answer. Nothing is guessed:
 * a question a child did not answer is asked again, never filled in for them; only the safe defaults are chosen for
 * them (messages discreet, no consent unless ticked).
 *
 * <p>Anonymous means anonymous: no name and no way to contact the reporter is sent, whatever else the form holds.
 * The reporter follows their report with its reference and PIN.
 */
public final class ReportForm {

  /** Who may report here: a child about themselves, or a trusted adult about a child they know. */
  public static final List<ReporterRelationship> ADULTS = List.of(ReporterRelationship.PARENT,
      ReporterRelationship.GUARDIAN, ReporterRelationship.RELATIVE, ReporterRelationship.TEACHER,
      ReporterRelationship.FRIEND, ReporterRelationship.OTHER);
  /** How a reporter may ask to be contacted here (in person is arranged by phone, so it is not offered). */
  public static final List<ContactChannel> CONTACTS = List.of(ContactChannel.NO_CONTACT, ContactChannel.SMS,
      ContactChannel.PHONE_CALL, ContactChannel.MESSAGING_APP);
  /** How many links the form has room for. */
  public static final int LINKS = 5;
  public static final int NARRATIVE_LIMIT = 4_000;

  private static final Pattern LINK = Pattern.compile("(?i)https?://\\S{1,2040}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,19}");

  /** The request for intake-service, or the questions to ask again. */
  public record Outcome(Optional<Map<String, Object>> intake, Set<String> problems) {
  }

  private ReportForm() {
  }

  /** Reads {@code form} for a report to {@code hotlineId}, made in {@code language}. */
  public static Outcome read(Map<String, String> form, String hotlineId, Language language) {
    Set<String> problems = new LinkedHashSet<>();
    String who = text(form, "who").orElse("");
    ReporterRelationship relationship = switch (who) {
      case "SELF" -> ReporterRelationship.SELF;
      case "OTHER" -> one(form, "relationship", ADULTS.toArray(ReporterRelationship[]::new), problems);
      default -> {
        problems.add("who");
        yield null;
      }
    };
    AgeBand ageBand = one(form, "ageBand", AgeBand.values(), problems);
    Gender gender = one(form, "gender", Gender.values(), problems);
    Province province = one(form, "province", Province.values(), problems);
    List<IncidentCategory> what = ticked(form, "what.", IncidentCategory.values());
    if (what.isEmpty()) {
      problems.add("what");
    }
    List<OnlinePlatform> platforms = ticked(form, "platform.", OnlinePlatform.values());
    Optional<String> narrative = text(form, "narrative");
    if (narrative.map(story -> story.length() > NARRATIVE_LIMIT).orElse(false)) {
      problems.add("narrative");
    }
    List<String> links = new ArrayList<>();
    for (int i = 1; i <= LINKS; i++) {
      Optional<String> link = text(form, "link" + i);
      if (link.isPresent() && !LINK.matcher(link.get()).matches()) {
        problems.add("link" + i);
      }
      link.ifPresent(links::add);
    }
    Boolean danger = yesOrNo(form, "danger", problems);
    Boolean femaleOfficer = yesOrNo(form, "femaleOfficer", problems);
    Boolean anonymous = yesOrNo(form, "anonymous", problems);
    ContactChannel contact = Boolean.TRUE.equals(anonymous) ? ContactChannel.NO_CONTACT
        : one(form, "contact", CONTACTS.toArray(ContactChannel[]::new), problems);
    Map<String, Object> reporterContact = null;
    if (contact == ContactChannel.SMS || contact == ContactChannel.PHONE_CALL) {
      Optional<String> phone = text(form, "phone").filter(number -> PHONE.matcher(number).matches());
      if (phone.isEmpty()) {
        problems.add("phone");
      }
      reporterContact = phone.<Map<String, Object>>map(number -> Map.of("phone", number)).orElse(null);
    } else if (contact == ContactChannel.MESSAGING_APP) {
      Optional<String> handle = text(form, "handle").filter(value -> value.length() <= 100);
      if (handle.isEmpty()) {
        problems.add("handle");
      }
      reporterContact = handle.<Map<String, Object>>map(value -> Map.of("messagingHandle", value)).orElse(null);
    }
    if (!problems.isEmpty()) {
      return new Outcome(Optional.empty(), problems);
    }

    Map<String, Object> child = new LinkedHashMap<>();
    child.put("ageBand", ageBand.name());
    child.put("gender", gender.name());
    child.put("province", province.name());
    child.put("language", language.name());
    if (!anonymous) {
      text(form, "name").filter(name -> name.length() <= 200)
          .ifPresent(name -> child.put("identity", Map.of("name", name)));
    }
    Map<String, Object> preferences = new LinkedHashMap<>();
    preferences.put("femaleOfficer", femaleOfficer);
    preferences.put("contactChannel", contact.name());
    preferences.put("language", language.name());
    preferences.put("reporterMessages", "WITH_REFERENCE".equals(form.get("reporterMessages"))
        ? ReporterMessages.WITH_REFERENCE.name() : ReporterMessages.DISCREET.name());
    // A parent or guardian consents for the child; anyone else answers for the child, who was asked.
    ConsentGiver givenBy = relationship == ReporterRelationship.PARENT
        || relationship == ReporterRelationship.GUARDIAN ? ConsentGiver.GUARDIAN : ConsentGiver.CHILD;
    List<Map<String, Object>> consents = new ArrayList<>();
    for (ConsentPurpose purpose : ConsentPurpose.values()) {
      boolean granted = "yes".equals(form.get("consent." + purpose.name()))
          && (purpose != ConsentPurpose.REPORTER_UPDATES || reporterContact != null);
      Map<String, Object> consent = new LinkedHashMap<>();
      consent.put("purpose", purpose.name());
      consent.put("granted", granted);
      consent.put("givenBy", givenBy.name());
      consents.add(consent);
    }

    Map<String, Object> intake = new LinkedHashMap<>();
    intake.put("hotlineId", hotlineId);
    intake.put("channel", Channel.INTERNET_HOTLINE.name());
    intake.put("reporterRelationship", relationship.name());
    intake.put("child", child);
    intake.put("preferences", preferences);
    intake.put("consents", consents);
    intake.put("incidentCategories", what.stream().map(Enum::name).toList());
    intake.put("platforms", platforms.stream().map(Enum::name).toList());
    // The hotline assesses every web report again; until then it is treated as urgent, never as routine.
    intake.put("riskLevel", (danger ? RiskLevel.IMMEDIATE_DANGER : RiskLevel.HIGH).name());
    narrative.ifPresent(story -> intake.put("narrative", story));
    if (!links.isEmpty()) {
      intake.put("contentUrls", links);
    }
    if (reporterContact != null) {
      intake.put("reporterContact", reporterContact);
    }
    return new Outcome(Optional.of(intake), problems);
  }

  private static Optional<String> text(Map<String, String> form, String name) {
    return Optional.ofNullable(form.get(name)).map(String::strip).filter(value -> !value.isEmpty());
  }

  private static <E extends Enum<E>> E one(Map<String, String> form, String name, E[] allowed,
      Set<String> problems) {
    String value = form.get(name);
    Optional<E> found = Arrays.stream(allowed).filter(choice -> choice.name().equals(value)).findFirst();
    if (found.isEmpty()) {
      problems.add(name);
    }
    return found.orElse(null);
  }

  private static <E extends Enum<E>> List<E> ticked(Map<String, String> form, String prefix, E[] choices) {
    return Arrays.stream(choices).filter(choice -> form.containsKey(prefix + choice.name())).toList();
  }

  private static Boolean yesOrNo(Map<String, String> form, String name, Set<String> problems) {
    String value = form.get(name);
    if ("yes".equals(value) || "no".equals(value)) {
      return "yes".equals(value);
    }
    problems.add(name);
    return null;
  }
}
