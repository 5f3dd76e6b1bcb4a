package org.komar.routing.agency;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.komar.events.AgencyUnit;
import org.komar.events.Service;

/**
 * The roles of routing-service's callers (the JWT's {@code roles} claim) and the agency unit each works for (its
 * {@code unit} claim). Each frontline role does one service's work; a supervisor oversees their own unit and the
 * units that report to it.
 */
public final class AgencyRoles {

  public static final String POLICE_OFFICER = "POLICE_OFFICER";
  public static final String COUNSELLOR = "COUNSELLOR";
  public static final String SOCIAL_WORKER = "SOCIAL_WORKER";
  public static final String TAKEDOWN_OFFICER = "TAKEDOWN_OFFICER";
  public static final String SUPERVISOR = "SUPERVISOR";
  /** Reads the National Action Plan indicators; sees no case. */
  public static final String AUDITOR = "AUDITOR";
  /** Keeps the agency directory up to date; sees no case. */
  public static final String DIRECTORY_ADMIN = "DIRECTORY_ADMIN";

  public static final String UNIT_CLAIM = "unit";

  private static final Map<String, Service> SERVICE_OF_ROLE = Map.of(
      POLICE_OFFICER, Service.POLICE,
      COUNSELLOR, Service.PSYCHOSOCIAL,
      SOCIAL_WORKER, Service.FOLLOW_UP,
      TAKEDOWN_OFFICER, Service.TAKEDOWN);

  private AgencyRoles() {
  }

  /** The unit the caller works for, from its token. */
  public static Optional<String> unitOf(Authentication caller) {
    return Optional.ofNullable(caller.getAttributes().get(UNIT_CLAIM)).map(Object::toString);
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
