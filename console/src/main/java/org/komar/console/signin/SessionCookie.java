package org.komar.console.signin;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.util.Optional;

/**
 * The browser's part of a session: a random id, HttpOnly, SameSite=Strict, Secure unless the console is told it
 * is served over plain http ({@code CONSOLE_COOKIE_SECURE=false}). It is no token: a service given it as a bearer
 * refuses it, and only this console can tell whose it is.
 */
public final class SessionCookie {

  public static final String NAME = "KOMAR_SESSION";

  private SessionCookie() {
  }

  public static Optional<String> of(HttpRequest<?> request) {
    return request.getCookies().findCookie(NAME).map(Cookie::getValue);
  }

  static Cookie issued(String sessionId, boolean secure) {
    return Cookie.of(NAME, sessionId).httpOnly(true).secure(secure).sameSite(SameSite.Strict).path("/");
  }

  static Cookie expired(boolean secure) {
    return issued("", secure).maxAge(0);
  }
}
