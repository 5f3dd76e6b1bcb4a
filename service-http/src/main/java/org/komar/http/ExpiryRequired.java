package org.komar.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Every token a service accepts says when it expires: Micronaut checks {@code exp} only when a token carries
 * one, and a token without it would open the service for ever to whoever copied it once.
 */
@Singleton
public final class ExpiryRequired implements GenericJwtClaimsValidator<HttpRequest<?>> {

  @Override
  public boolean validate(Claims claims, HttpRequest<?> request) {
    return claims.get(Claims.EXPIRATION_TIME) != null;
  }
}
