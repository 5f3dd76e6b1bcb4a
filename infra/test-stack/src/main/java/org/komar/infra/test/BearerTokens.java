package org.komar.infra.test;

import java.util.List;
import java.util.Map;
import org.komar.schemas.security.Claims;

/**
 * A person's bearer tokens for the services' own tests, from the stack's {@link TestIssuer} as Keycloak gives
 * them to the console: a subject, one role, the claims that scope it, the services the console calls as
 * audiences, and five minutes. Tests that must sign in through Keycloak use {@link TestKeycloak#bearer} instead.
 */
public final class BearerTokens {

  private BearerTokens() {
  }

  /** Agency staff: a role and the unit they work for. */
  public static String agency(String subject, String role, String unitId) {
    return of(subject, role, Map.of(Claims.UNIT, unitId));
  }

  /** Hotline staff: a role and the hotline they work for. */
  public static String hotline(String subject, String role, String hotlineId) {
    return of(subject, role, Map.of(Claims.HOTLINE, hotlineId));
  }

  public static String of(String subject, String role, Map<String, Object> claims) {
    return "Bearer " + TestStack.shared().issuer().personToken(subject, List.of(role), claims);
  }
}
