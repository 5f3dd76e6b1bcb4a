package org.komar.schemas.security;

/**
 * The names of the claims a Komar token carries besides the subject ({@code sub}, the person's or service's id),
 * defined once for whoever signs tokens (the console's sign-in, intake's development tokens, the services calling
 * the vault, the tests) and whoever reads them. The unit or hotline scopes what the roles reach: an agency's staff
 * see their unit's referrals only, a hotline's staff their hotline's cases only.
 */
public final class Claims {

  /** The caller's {@link Roles}: Micronaut's default roles claim, which every service keeps. */
  public static final String ROLES = "roles";
  /** The agency unit an agency's staff member works for (an id of the agency directory). */
  public static final String UNIT = "unit";
  /** The hotline a hotline's staff member works for. */
  public static final String HOTLINE = "hotline";
  /** The person's name as the console greets them; no service decides anything on it. */
  public static final String NAME = "name";

  private Claims() {
  }
}
