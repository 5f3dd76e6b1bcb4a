package org.komar.intake;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.komar.infra.test.TestStack;
import org.komar.schemas.security.Claims;

/** A person's bearer tokens for tests, from the test stack's identity provider (TestIssuer). */
@Singleton
public final class Tokens {

  /** A token for the sample intakes' hotline. */
  public String bearer(String subject, String... roles) {
    return forHotline("hotline-1280", subject, roles);
  }

  public String forHotline(String hotline, String subject, String... roles) {
    return "Bearer " + TestStack.shared().issuer().personToken(subject, List.of(roles),
        Map.of(Claims.HOTLINE, hotline));
  }

  /** A token of an agency unit's staff: a unit, no hotline. */
  public String forUnit(String unit, String subject, String... roles) {
    return "Bearer " + TestStack.shared().issuer().personToken(subject, List.of(roles), Map.of(Claims.UNIT, unit));
  }
}
