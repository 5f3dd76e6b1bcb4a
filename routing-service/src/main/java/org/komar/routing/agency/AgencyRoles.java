package org.komar.routing.agency;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.Map;
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

  private static final Map<String, Service> SERVICE_OF_ROLE = Map.of(
      Roles.POLICE_OFFICER, Service.POLICE,
      Roles.COUNSELLOR, Service.PSYCHOSOCIAL,
      Roles.SOCIAL_WORKER, Service.FOLLOW_UP,
      Roles.TAKEDOWN_OFFICER, Service.TAKEDOWN);

  private AgencyRoles() {
  }

  /** The unit the caller works for, from its token. */
  public static Optional<String> unitOf(Authentication caller) {
    return Optional.ofNullable(caller.getAttributes().get(Claims.UNIT)).map(Object::toString);
  }

  /** Whether one of the roles does the work of this service. */
  public static boolean doesWorkOf(Collection<String> roles, Service service) {
    return roles.stream().anyMatch(role -> SERVICE_OF_ROLE.get(role) == service);
  }

  /** Whether the unit reports to the supervisor's unit. */
  public static boolean reportsTo(AgencyUnit unit, String supervisorUnitId) {
    return supervisorUnitId.equals(unit.getSupervisorUnitId());
  }
}
