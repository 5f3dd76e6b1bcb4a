package org.komar.console.agency;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.komar.console.ChildIdentity;

/**
 * An opened sealed value as the page shows it, by what the field holds: the parts of the child's identity (name,
 * date of birth...), a list (links, accounts), or the text as written. It lives for one page and is never logged.
 */
record OpenedValue(Map<String, String> parts, List<String> items, String text) {

  static OpenedValue of(String field, String value, ObjectMapper json) {
    String opened = value == null ? "" : value.strip();
    try {
      return switch (field) {
        case "childIdentity" -> {
          Map<String, String> all = opened.isEmpty() ? Map.of()
              : json.readValue(opened, Argument.mapOf(String.class, String.class));
          Map<String, String> parts = new java.util.LinkedHashMap<>();
          // The parts the page has labels for, in its order; any other is not shown.
          ChildIdentity.PARTS.stream().filter(part -> all.get(part) != null && !all.get(part).isBlank())
              .forEach(part -> parts.put(part, all.get(part)));
          yield new OpenedValue(parts, List.of(), null);
        }
        case "contentUrls", "offenderHandles" -> new OpenedValue(Map.of(),
            opened.isEmpty() ? List.of() : json.readValue(opened, Argument.listOf(String.class)), null);
        default -> new OpenedValue(Map.of(), List.of(), opened.isEmpty() ? null : opened);
      };
    } catch (IOException unreadable) {
      // Not in the shape the intake seals this field in: shown as written rather than not at all.
      return new OpenedValue(Map.of(), List.of(), opened);
    }
  }

  /** Whether nothing was recorded in it (an identity left empty, a blank narrative). Public: the page calls it. */
  public boolean empty() {
    return parts.isEmpty() && items.isEmpty() && (text == null || text.isEmpty());
  }
}
