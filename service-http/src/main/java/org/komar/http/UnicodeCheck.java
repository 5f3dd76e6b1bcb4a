package org.komar.http;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * Finds text that is not valid Unicode in a request: a lone surrogate (JSON lets {@code "\ud800"} through) or a
 * control character other than tab and line breaks. Such text cannot be sealed and shown back faithfully, so the
 * request is refused naming the field.
 */
public final class UnicodeCheck {

  private UnicodeCheck() {
  }

  /** The path of the first field holding invalid text, if any. */
  public static Optional<String> firstInvalid(Object value, String path) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String text) {
      return isValid(text) ? Optional.empty() : Optional.of(path);
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Optional<String> invalid = firstInvalid(list.get(i), path + "[" + i + "]");
        if (invalid.isPresent()) {
          return invalid;
        }
      }
      return Optional.empty();
    }
    if (value.getClass().isRecord()) {
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        try {
          Optional<String> invalid = firstInvalid(component.getAccessor().invoke(value),
              (path.isEmpty() ? "" : path + ".") + component.getName());
          if (invalid.isPresent()) {
            return invalid;
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Optional.empty();
  }

  public static boolean isValid(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
    return true;
  }
}
