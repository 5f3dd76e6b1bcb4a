package org.komar.intake;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** Bearer tokens for tests, signed with the service's own key. */
@Singleton
public final class Tokens {

  private final TokenGenerator generator;

  public Tokens(TokenGenerator generator) {
    this.generator = generator;
  }

  public String bearer(String subject, String... roles) {
    return "Bearer " + generator.generateToken(Authentication.build(subject, List.of(roles), Map.of()), 600)
        .orElseThrow();
  }
}
