package org.komar.intake.api;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.komar.events.AgeBand;
import org.komar.http.InvalidFieldException;

/**
 * A child's date of birth must be a real date, not in the future, and must agree with the age band the operator chose:
 * a band is what routing decides on, and a contradiction means one of the two was mistyped. A year's leeway either
 * side of a band allows for a birthday just passed and a date the reporter was unsure of; an UNKNOWN band takes any
 * date of birth.
 */
final class ChildAge {

  static final String FIELD = "child.identity.dateOfBirth";

  /** Each band's ages in whole years, both ends included. */
  private static final Map<AgeBand, int[]> YEARS = Map.of(
      AgeBand.UNDER_6, new int[] {0, 5},
      AgeBand.AGE_6_TO_9, new int[] {6, 9},
      AgeBand.AGE_10_TO_12, new int[] {10, 12},
      AgeBand.AGE_13_TO_15, new int[] {13, 15},
      AgeBand.AGE_16_TO_17, new int[] {16, 17});
  private static final int LEEWAY_YEARS = 1;

  private ChildAge() {
  }

  /** Refuses ({@link InvalidFieldException}) a date of birth that cannot be this child's on {@code today}. */
  static void check(IntakeRequest.Child child, LocalDate today) {
    String dateOfBirth = child.identity() == null ? null : child.identity().dateOfBirth();
    if (dateOfBirth == null) {
      return;
    }
    LocalDate born;
    try {
      born = LocalDate.parse(dateOfBirth);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(FIELD, "is not a date of the calendar");
    }
    if (born.isAfter(today)) {
      throw new InvalidFieldException(FIELD, "must not be in the future");
    }
    int[] years = YEARS.get(child.ageBand());
    int age = Period.between(born, today).getYears();
    if (years != null && (age < years[0] - LEEWAY_YEARS || age > years[1] + LEEWAY_YEARS)) {
      throw new InvalidFieldException(FIELD, "does not agree with the age band " + child.ageBand()
          + ": correct one of them");
    }
  }
}
