package org.komar.console;

import java.util.List;

/**
 * The parts of a child's identity the console records and shows, in the intake API's names and in the order the
 * pages use. The intake form names its field for a part {@code child} + the part ({@code childName}); the same
 * {@code field.childName} label serves the form and the page that shows an opened identity.
 */
public final class ChildIdentity {

  public static final List<String> PARTS = List.of("name", "dateOfBirth", "phone", "address", "school");

  private ChildIdentity() {
  }

  /** The intake form's field (and label key suffix) for a part: {@code name} → {@code childName}. */
  public static String formField(String part) {
    return "child" + Character.toUpperCase(part.charAt(0)) + part.substring(1);
  }
}
