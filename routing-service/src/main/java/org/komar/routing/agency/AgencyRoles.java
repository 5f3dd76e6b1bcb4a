package org.komar.routing.agency;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.Optional;
import org.komar.events.AgencyUnit;
import org.komar.events.Service;
import org.komar.schemas.security.Claims;
import org.komar.schemas.security.Roles;

/**
 * What agency staff's roles ({@link Roles}) mean here, and the agency unit each works for (the token's
 * {@link Claims#UNIT} claim). Each frontline role does one service's work; a supervisor oversees their own unit and
 * the units that report to it.
 */
public final class AgencyRoles {

  private AgencyRoles() {
  }

  /** The unit the caller works for, from its token. */
  public static Optional<String> unitOf(Authentication caller) {
    return Optional.ofNullable(caller.getAttributes().get(Claims.UNIT)).map(Object::toString);
  }

  /** Whether one of the roles does the work of this service ({@link Roles#doesWorkOf}, which the vault asks too). */
  public static boolean doesWorkOf(Collection<String> roles, Service service) {
    return Roles.doesWorkOf(roles, service);
  }

  /** Whether the unit reports to the supervisor's unit. */
  public static boolean reportsTo(AgencyUnit unit, String supervisorUnitId) {
    return supervisorUnitId.equals(unit.getSupervisorUnitId());
  }
}
