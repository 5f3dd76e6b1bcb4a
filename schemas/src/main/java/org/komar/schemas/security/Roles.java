package org.komar.schemas.security;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.komar.events.Service;

/**
 * Every role a Komar token carries in its {@link Claims#ROLES} claim, defined once: the services' {@code @Secured},
 * the console's menu, the identity provider's realm and the tests all name these constants. A person's roles and a
 * service's own (its client's service account) come from the identity provider, Keycloak, whose realm is made
 * from this list ({@code KomarRealm}). Which role does which agency service's work is routing's rule
 * ({@code AgencyRoles}).
 *
 * <p>Here in the contract, not in service-http, because the console and the test stack name them too and must not
 * take on service-http's error handling.
 */
public final class Roles {

  /** Records intakes for their hotline and reads their status. */
  public static final String HOTLINE_OPERATOR = "HOTLINE_OPERATOR";
  /** A police unit's officer: the police service's referrals. */
  public static final String POLICE_OFFICER = "POLICE_OFFICER";
  /** A counselling unit's counsellor: psychosocial referrals. */
  public static final String COUNSELLOR = "COUNSELLOR";
  /** A social worker: follow-up referrals. */
  public static final String SOCIAL_WORKER = "SOCIAL_WORKER";
  /** A take-down desk's officer: take-down referrals. */
  public static final String TAKEDOWN_OFFICER = "TAKEDOWN_OFFICER";
  /** A hotline's supervisor: reads the hotline's cases, opens them for a stated purpose, erases them. */
  public static final String HOTLINE_SUPERVISOR = "HOTLINE_SUPERVISOR";
  /**
   * An agency unit's supervisor: oversees the units that report to theirs (escalations, reassignments, cases).
   * A different role from a hotline's: neither reaches the other's work, whatever claims a token carries.
   */
  public static final String AGENCY_SUPERVISOR = "AGENCY_SUPERVISOR";
  /** Reads the National Action Plan indicators and the metrics; opens nothing, sees no case. */
  public static final String AUDITOR = "AUDITOR";
  /** Keeps the agency directory up to date; sees no case. */
  public static final String DIRECTORY_ADMIN = "DIRECTORY_ADMIN";

  /**
   * intake-service itself, sealing a new intake's fields and asking the vault on behalf of a hotline's staff
   * (their openings, their erasures); never a person.
   */
  public static final String INTAKE_SERVICE = "INTAKE_SERVICE";
  /** routing-service itself, sealing agencies' notes and opening for agencies through the vault; never a person. */
  public static final String ROUTING_SERVICE = "ROUTING_SERVICE";
  /** notification-service itself, opening a reporter's contact at send time; never a person. */
  public static final String NOTIFICATION_SERVICE = "NOTIFICATION_SERVICE";

  /**
   * reporting-service, a hotline's public reporting page, recording what a child or trusted adult sends on it as an
   * intake of the hotline its token names, by the hotline's web channel only; it reads, opens and erases nothing.
   */
  public static final String WEB_REPORTING = "WEB_REPORTING";

  /** The roles a person may hold. */
  public static final Set<String> PEOPLE = Set.of(HOTLINE_OPERATOR, POLICE_OFFICER, COUNSELLOR, SOCIAL_WORKER,
      TAKEDOWN_OFFICER, HOTLINE_SUPERVISOR, AGENCY_SUPERVISOR, AUDITOR, DIRECTORY_ADMIN);
  /** The roles services hold when they call another service as themselves. */
  public static final Set<String> SERVICES = Set.of(INTAKE_SERVICE, ROUTING_SERVICE, NOTIFICATION_SERVICE,
      WEB_REPORTING);
  /** Every role; a role outside this set is unknown to every service. */
  public static final Set<String> ALL = Stream.concat(PEOPLE.stream(), SERVICES.stream())
      .collect(Collectors.toUnmodifiableSet());

  /** Which agency service's work each frontline role does: one each. */
  private static final Map<String, Service> SERVICE_OF_ROLE = Map.of(
      POLICE_OFFICER, Service.POLICE,
      COUNSELLOR, Service.PSYCHOSOCIAL,
      SOCIAL_WORKER, Service.FOLLOW_UP,
      TAKEDOWN_OFFICER, Service.TAKEDOWN);

  /**
   * Whether one of {@code roles} does the work of {@code service}: routing asks before a person acts on a referral,
   * the vault before it opens a sealed value for them.
   */
  public static boolean doesWorkOf(Collection<String> roles, Service service) {
    return roles.stream().anyMatch(role -> SERVICE_OF_ROLE.get(role) == service);
  }

  private Roles() {
  }
}
