package org.komar.vault.service.people;

import com.nimbusds.jwt.JWT;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.komar.schemas.security.Roles;
import reactor.core.publisher.Mono;

/**
 * The person a service asks the vault for: their own access token, forwarded by the service beside its own
 * ({@code Komar-Person}), checked here exactly as a bearer is (the identity provider's signature, issuer, this
 * service as audience, expiry). A service cannot make one up, so a service broken into cannot open for anyone
 * who is not asking at that moment. Only people's tokens count: a service's own is no person.
 */
@Singleton
public final class PersonTokens {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> validator;
  private final JwtAuthenticationFactory people;

  PersonTokens(ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> validator, JwtAuthenticationFactory people) {
    this.validator = validator;
    this.people = people;
  }

  /** The person of a forwarded {@code Bearer} value, if it is a valid person's token. Blocks while checking. */
  public Optional<Authentication> of(@Nullable String bearer, HttpRequest<?> request) {
    if (bearer == null || !bearer.startsWith("Bearer ") || bearer.length() > 16_384) {
      return Optional.empty();
    }
    try {
      return Mono.from(validator.validate(bearer.substring("Bearer ".length()).trim(), request))
          .blockOptional(WAIT).flatMap(people::createAuthentication)
          .filter(person -> person.getRoles().stream().anyMatch(Roles.PEOPLE::contains)
              && person.getRoles().stream().noneMatch(Roles.SERVICES::contains));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
