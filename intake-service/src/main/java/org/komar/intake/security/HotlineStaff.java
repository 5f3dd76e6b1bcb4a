package org.komar.intake.security;

/** The roles of intake-service's callers, carried in the JWT's {@code roles} claim. */
public final class Roles {

  /** Records intakes and reads their status. */
  public static final String HOTLINE_OPERATOR = "HOTLINE_OPERATOR";
  /** Reads status, opens identity for a stated purpose, and crypto-shreds cases. */
  public static final String SUPERVISOR = "SUPERVISOR";
  /** Reads status and the audit trail; opens nothing. */
  public static final String AUDITOR = "AUDITOR";

  /** routing-service itself, sealing agencies' notes through the vault; never a person. */
  public static final String ROUTING_SERVICE = "ROUTING_SERVICE";

  /** notification-service itself, opening a reporter's contact at send time; never a person. */
  public static final String NOTIFICATION_SERVICE = "NOTIFICATION_SERVICE";

  /** The token claim naming the hotline a HOTLINE_OPERATOR or SUPERVISOR works for. */
  public static final String HOTLINE_CLAIM = "hotline";

  /** The hotline the caller works for, from its token; empty when the token names none. */
  public static java.util.Optional<String> hotlineOf(io.micronaut.security.authentication.Authentication caller) {
    return java.util.Optional.ofNullable(caller.getAttributes().get(HOTLINE_CLAIM)).map(Object::toString);
  }

  /** The audience a role opens sealed values as, here: the hotline's own. Agencies open through routing. */
  public static java.util.Optional<org.komar.events.Audience> audienceOf(java.util.Collection<String> roles) {
    return roles.contains(HOTLINE_OPERATOR) || roles.contains(SUPERVISOR)
        ? java.util.Optional.of(org.komar.events.Audience.HOTLINE) : java.util.Optional.empty();
  }

  private Roles() {
  }
}
