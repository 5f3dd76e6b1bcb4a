package org.komar.intake.intake;

import java.security.SecureRandom;

/**
 * Case references to read over the phone: {@code K7-4MXR}. The alphabet leaves out 0/O and 1/I/L, so no
 * character can be heard or read as another. 31^6 (about 887 million) references; a clash is retried.
 */
public final class CaseReferences {

  static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private CaseReferences() {
  }

  public static String next() {
    StringBuilder reference = new StringBuilder(7);
    for (int i = 0; i < 6; i++) {
      if (i == 2) {
        reference.append('-');
      }
      reference.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return reference.toString();
  }

  /** Normalises what a caller typed or said: upper case, no spaces, the dash where it belongs. */
  public static String normalise(String typed) {
    String compact = typed.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "");
    return compact.length() == 6 ? compact.substring(0, 2) + "-" + compact.substring(2) : compact;
  }
}
