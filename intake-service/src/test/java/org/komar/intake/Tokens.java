package org.komar.intake;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.komar.schemas.security.Claims;

/** Bearer tokens for tests, signed with the service's own key. */
@Singleton
public final class Tokens {

  private final TokenGenerator generator;

  public Tokens(TokenGenerator generator) {
    this.generator = generator;
  }

  /** A token for the sample intakes' hotline. */
  public String bearer(String subject, String... roles) {
    return forHotline("hotline-1280", subject, roles);
  }

  public String forHotline(String hotline, String subject, String... roles) {
    return "Bearer " + generator.generateToken(Authentication.build(subject, List.of(roles),
        Map.of(Claims.HOTLINE, hotline)), 600).orElseThrow();
  }

  /** A token of an agency unit's staff: a unit, no hotline. */
  public String forUnit(String unit, String subject, String... roles) {
    return "Bearer " + generator.generateToken(Authentication.build(subject, List.of(roles),
        Map.of(Claims.UNIT, unit)), 600).orElseThrow();
  }
}
