package org.komar.console.agency;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * An opened sealed value as the page shows it: the parts of the child's identity (name, date of birth...), a list
 * (links, accounts), or the text as written. It lives for one page and is never logged.
 */
record OpenedValue(Map<String, String> parts, List<String> items, String text) {

  static OpenedValue of(String value, ObjectMapper json) {
    String trimmed = value == null ? "" : value.strip();
    try {
      if (trimmed.startsWith("{")) {
        return new OpenedValue(json.readValue(trimmed, Argument.mapOf(String.class, String.class)), List.of(), null);
      }
      if (trimmed.startsWith("[")) {
        return new OpenedValue(Map.of(), json.readValue(trimmed, Argument.listOf(String.class)), null);
      }
    } catch (IOException notJson) {
      // Text that happens to start like JSON: shown as written.
    }
    return new OpenedValue(Map.of(), List.of(), trimmed);
  }
}
