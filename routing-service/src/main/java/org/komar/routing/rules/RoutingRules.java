package org.komar.routing.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.komar.events.ConsentPurpose;
import org.komar.events.IncidentCategory;
import org.komar.events.IntakeReceived;
import org.komar.events.RiskLevel;
import org.komar.events.Service;

/**
 * Komar's routing rules, read from a JSON file (by default {@code org/komar/routing/routing-rules.json}) and
 * validated as a whole: a rule that cannot be read stops the service with a message naming it. Rules are weighed
 * in order; the first rule that applies to a service makes that service's referral.
 */
public final class RoutingRules {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> RULE_FIELDS = Set.of("name", "description", "on", "service", "when", "consent",
      "mandatory", "priority", "deadline");
  private static final Set<String> CONDITION_FIELDS = Set.of("riskLevelIn", "categoryIn", "hasContent", "anyOf");

  private final List<RoutingRule> rules;

  private RoutingRules(List<RoutingRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules shipped with the service. */
  public static RoutingRules standard() {
    try (InputStream in = RoutingRules.class.getResourceAsStream("/org/komar/routing/routing-rules.json")) {
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new InvalidRuleException("the rules file", "cannot be read: " + e.getMessage());
    }
  }

  /** Reads and validates rules; throws {@link InvalidRuleException} naming the first rule that is wrong. */
  public static RoutingRules parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new InvalidRuleException("the rules file", "is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.path("rules").isArray() || root.path("rules").isEmpty()) {
      throw new InvalidRuleException("the rules file", "has no \"rules\" list");
    }
    List<RoutingRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode node : root.get("rules")) {
      String name = node.path("name").asText("");
      String label = name.isBlank() ? "rule #" + (index + 1) : "rule \"" + name + "\"";
      RoutingRule rule = rule(node, label);
      if (!names.add(rule.name())) {
        throw new InvalidRuleException(label, "has the same name as an earlier rule");
      }
      rules.add(rule);
      index++;
    }
    return new RoutingRules(rules);
  }

  public List<RoutingRule> all() {
    return rules;
  }

  /** The referrals the rules call for when {@code trigger} happens to this intake: one per service at most. */
  public List<PlannedReferral> referralsFor(RoutingRule.Trigger trigger, IntakeReceived intake) {
    Map<Service, PlannedReferral> planned = new LinkedHashMap<>();
    for (RoutingRule rule : rules) {
      if (rule.on() != trigger || planned.containsKey(rule.service()) || !rule.when().holdsFor(intake)) {
        continue;
      }
      boolean consented = rule.consent().map(purpose -> RoutingRule.consented(intake, purpose)).orElse(true);
      if (consented || rule.mandatory()) {
        planned.put(rule.service(), new PlannedReferral(rule.name(), rule.service(), rule.priority(),
            rule.deadline(), !consented));
      }
    }
    return List.copyOf(planned.values());
  }

  private static RoutingRule rule(JsonNode node, String label) {
    if (!node.isObject()) {
      throw new InvalidRuleException(label, "is not an object");
    }
    node.fieldNames().forEachRemaining(field -> {
      if (!RULE_FIELDS.contains(field)) {
        throw new InvalidRuleException(label, "has an unknown field \"" + field + "\"; known: " + RULE_FIELDS);
      }
    });
    String name = required(node, "name", label);
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new InvalidRuleException(label, "needs a kebab-case name");
    }
    int priority = node.path("priority").asInt(0);
    if (priority < 1 || priority > 5) {
      throw new InvalidRuleException(label, "needs a priority from 1 (most urgent) to 5");
    }
    Duration deadline;
    try {
      deadline = Duration.parse(required(node, "deadline", label));
    } catch (DateTimeParseException e) {
      throw new InvalidRuleException(label, "has a deadline that is not an ISO-8601 duration such as PT24H");
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new InvalidRuleException(label, "needs a deadline after the referral, not " + deadline);
    }
    boolean mandatory = node.path("mandatory").asBoolean(false);
    Optional<ConsentPurpose> consent = node.hasNonNull("consent")
        ? Optional.of(value(ConsentPurpose.class, node.get("consent").asText(), label, "consent"))
        : Optional.empty();
    if (mandatory && consent.isEmpty()) {
      throw new InvalidRuleException(label, "is mandatory but names no consent it overrides");
    }
    return new RoutingRule(name, node.path("description").asText(""),
        value(RoutingRule.Trigger.class, required(node, "on", label), label, "on"),
        value(Service.class, required(node, "service", label), label, "service"),
        condition(node.path("when"), label), consent, mandatory, priority, deadline);
  }

  private static RoutingRule.Condition condition(JsonNode node, String label) {
    if (node.isMissingNode()) {
      throw new InvalidRuleException(label, "has no \"when\" (use {} for always)");
    }
    if (!node.isObject()) {
      throw new InvalidRuleException(label, "has a \"when\" that is not an object");
    }
    node.fieldNames().forEachRemaining(field -> {
      if (!CONDITION_FIELDS.contains(field)) {
        throw new InvalidRuleException(label, "has an unknown condition \"" + field + "\"; known: " + CONDITION_FIELDS);
      }
    });
    List<RoutingRule.Condition> anyOf = new ArrayList<>();
    for (JsonNode alternative : node.path("anyOf")) {
      anyOf.add(condition(alternative, label));
    }
    return new RoutingRule.Condition(
        values(RiskLevel.class, node.path("riskLevelIn"), label, "riskLevelIn"),
        values(IncidentCategory.class, node.path("categoryIn"), label, "categoryIn"),
        node.has("hasContent") ? Optional.of(node.get("hasContent").asBoolean()) : Optional.empty(),
        anyOf);
  }

  private static String required(JsonNode node, String field, String label) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      throw new InvalidRuleException(label, "has no \"" + field + "\"");
    }
    return value.asText();
  }

  private static <E extends Enum<E>> E value(Class<E> type, String text, String label, String field) {
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(label, "has an unknown " + field + " \"" + text + "\"; known: "
          + EnumSet.allOf(type));
    }
  }

  private static <E extends Enum<E>> Set<E> values(Class<E> type, JsonNode array, String label, String field) {
    Set<E> values = EnumSet.noneOf(type);
    array.forEach(item -> values.add(value(type, item.asText(), label, field)));
    return values;
  }

  /** For tests and tools: the rules by name. */
  Map<String, RoutingRule> byName() {
    return rules.stream().collect(java.util.stream.Collectors.toMap(RoutingRule::name, Function.identity()));
  }
}
