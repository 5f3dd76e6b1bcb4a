package org.komar.console.signin;

import io.micronaut.security.authentication.Authentication;
import java.time.Instant;

/**
 * A signed-in person's session, held by the console only ({@link Sessions}): who they are, and the tokens
 * Keycloak gave the console for them, which never leave the console except as the bearer of the person's own
 * calls to the services. The browser holds only the session's random id ({@link SessionCookie}).
 *
 * @param person their name, roles, and unit or hotline, from their access token
 * @param accessToken the bearer of their calls to the services, until {@code accessExpires}
 * @param refreshToken renews the access token, and ends the provider's session at sign-out
 */
record Session(String id, Authentication person, String accessToken, Instant accessExpires, String refreshToken,
    Instant started, Instant lastUsed) {

  Session used(Instant now) {
    return new Session(id, person, accessToken, accessExpires, refreshToken, started, now);
  }

  Session renewed(String access, Instant expires, String refresh, Instant now) {
    return new Session(id, person, access, expires, refresh, started, now);
  }
}
