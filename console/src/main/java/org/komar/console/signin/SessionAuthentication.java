package org.komar.console.signin;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Who is asking, for every request: the person of the session their cookie names, if it has not ended. The
 * console takes no other proof (no bearer token, no token cookie: {@code micronaut.security.token.*.enabled} are
 * off), so a token stolen from a service's traffic signs nobody in here.
 */
@Singleton
final class SessionAuthentication implements AuthenticationFetcher<HttpRequest<?>> {

  private final Sessions sessions;

  SessionAuthentication(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
    return sessions.of(request).map(session -> Publishers.just(session.person()))
        .orElseGet(Publishers::empty);
  }
}
