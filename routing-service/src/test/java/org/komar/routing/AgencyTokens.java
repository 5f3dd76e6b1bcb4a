package org.komar.routing;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.komar.schemas.security.Claims;

/** Bearer tokens of agency staff for tests, signed with the service's own key. */
@Singleton
public final class AgencyTokens {

  private final TokenGenerator generator;

  public AgencyTokens(TokenGenerator generator) {
    this.generator = generator;
  }

  public String of(String subject, String role, String unitId) {
    return "Bearer " + generator.generateToken(Authentication.build(subject, List.of(role),
        Map.of(Claims.UNIT, unitId)), 600).orElseThrow();
  }
}
