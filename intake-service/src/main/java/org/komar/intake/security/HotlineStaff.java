package org.komar.intake.security;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.Optional;
import org.komar.events.Audience;
import org.komar.schemas.security.Claims;
import org.komar.schemas.security.Roles;

/**
 * A hotline's staff as their token shows them: the hotline they work for (its {@link Claims#HOTLINE} claim), whose
 * cases alone they record, open and erase; and the audience their roles open sealed values as, the hotline's own.
 * Agencies open through routing.
 */
public final class HotlineStaff {

  private HotlineStaff() {
  }

  /** The hotline the caller works for, from its token; empty when the token names none. */
  public static Optional<String> hotlineOf(Authentication caller) {
    return Optional.ofNullable(caller.getAttributes().get(Claims.HOTLINE)).map(Object::toString);
  }

  /**
   * Whether the caller is a hotline's public reporting page, not a person: it records web reports only. A token that
   * also held a person's role would still be held to this.
   */
  public static boolean isWebChannel(Authentication caller) {
    return caller.getRoles().contains(Roles.WEB_REPORTING);
  }

  /** The audience these roles open sealed values as here: the hotline's, for its operators and supervisors. */
  public static Optional<Audience> audienceOf(Collection<String> roles) {
    return roles.contains(Roles.HOTLINE_OPERATOR) || roles.contains(Roles.HOTLINE_SUPERVISOR)
        ? Optional.of(Audience.HOTLINE) : Optional.empty();
  }
}
