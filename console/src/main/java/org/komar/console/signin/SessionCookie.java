package org.komar.console.signin;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.util.Optional;

/**
 * The signed-in person's session: the JWT cookie micronaut-security sets at sign-in (its default name), which is
 * also the token the console calls the services with.
 */
public final class SessionCookie {

  public static final String NAME = "JWT";

  private SessionCookie() {
  }

  public static Optional<String> of(HttpRequest<?> request) {
    return request.getCookies().findCookie(NAME).map(Cookie::getValue);
  }
}
