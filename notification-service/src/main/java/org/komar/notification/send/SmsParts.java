package org.komar.notification.send;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a text into SMS parts. Text in the GSM 7-bit basic alphabet goes as GSM-7 (160 characters, or 153 per
 * part of a longer message); anything else, Khmer included, as UCS-2 (70 UTF-16 units, or 67 per part). Parts
 * end only between whole characters as a reader sees them: never inside a surrogate pair, before a combining
 * vowel sign, or after a Khmer subscript mark (coeng, U+17D2), so each part renders on its own.
 */
public final class SmsParts {

  /** How the parts are encoded. */
  public enum Encoding {
    GSM7(160, 153),
    UCS2(70, 67);

    final int single;
    final int multi;

    Encoding(int single, int multi) {
      this.single = single;
      this.multi = multi;
    }
  }

  public record Split(Encoding encoding, List<String> parts) {
  }

  private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final char COENG = '\u17D2';

  private SmsParts() {
  }

  public static Split split(String text) {
    Encoding encoding = text.chars().allMatch(c -> GSM7_BASIC.indexOf(c) >= 0) ? Encoding.GSM7 : Encoding.UCS2;
    if (text.length() <= encoding.single) {
      return new Split(encoding, List.of(text));
    }
    List<String> parts = new ArrayList<>();
    BreakIterator boundaries = BreakIterator.getCharacterInstance(Locale.forLanguageTag("km"));
    boundaries.setText(text);
    int start = 0;
    while (start < text.length()) {
      int limit = Math.min(text.length(), start + encoding.multi);
      int end = limit == text.length() ? limit : lastBoundary(text, boundaries, start, limit);
      parts.add(text.substring(start, end));
      start = end;
    }
    return new Split(encoding, parts);
  }

  /** The last place in (start, limit] where a part may end; a single unbreakable run longer than a part is cut. */
  private static int lastBoundary(String text, BreakIterator boundaries, int start, int limit) {
    for (int end = boundaries.preceding(limit + 1); end > start; end = boundaries.previous()) {
      if (end <= limit && mayEndAt(text, end)) {
        return end;
      }
    }
    return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
  }

  private static boolean mayEndAt(String text, int end) {
    if (end >= text.length()) {
      return true;
    }
    int next = text.codePointAt(end);
    int type = Character.getType(next);
    return text.charAt(end - 1) != COENG && type != Character.NON_SPACING_MARK
        && type != Character.COMBINING_SPACING_MARK && type != Character.ENCLOSING_MARK;
  }
}
