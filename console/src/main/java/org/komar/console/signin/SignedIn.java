package org.komar.console.signin;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * What follows Keycloak's answer to a sign-in. On success the person's tokens go into a new {@link Session} and
 * their browser gets only its id, on a small page that moves on to the start page itself: a redirect would still
 * belong to the navigation that came from Keycloak's site, which a {@code SameSite=Strict} cookie is not sent
 * with. On failure (a wrong state, the person cancelled, an answer that does not check out) back to the sign-in
 * page.
 */
@Singleton
final class SignedIn implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {

  private static final String ONWARD = """
      <!DOCTYPE html><html lang="km"><head><meta charset="utf-8">\
      <meta http-equiv="refresh" content="0;url=/"><title>Komar</title></head>\
      <body><p><a href="/">Komar</a></p></body></html>""";

  private final Sessions sessions;
  private final boolean secureCookie;

  SignedIn(Sessions sessions, @Value("${komar.console.cookie-secure:true}") boolean secureCookie) {
    this.sessions = sessions;
    this.secureCookie = secureCookie;
  }

  @Override
  public MutableHttpResponse<?> loginSuccess(Authentication signedIn, HttpRequest<?> request) {
    Map<String, Object> attributes = new HashMap<>(signedIn.getAttributes());
    Object access = attributes.remove(KeycloakPeople.ACCESS_TOKEN);
    Object refresh = attributes.remove(KeycloakPeople.REFRESH_TOKEN);
    if (!(access instanceof String accessToken) || !(refresh instanceof String refreshToken)) {
      return HttpResponse.seeOther(URI.create("/login?failed"));
    }
    sessions.forget(request);
    Session session = sessions.start(Authentication.build(signedIn.getName(), signedIn.getRoles(), attributes),
        accessToken, refreshToken);
    return HttpResponse.ok(ONWARD).contentType(MediaType.TEXT_HTML_TYPE)
        .cookie(SessionCookie.issued(session.id(), secureCookie));
  }

  @Override
  public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken,
      HttpRequest<?> request) {
    return HttpResponse.badRequest();
  }

  @Override
  public MutableHttpResponse<?> loginFailed(AuthenticationResponse failure, HttpRequest<?> request) {
    return HttpResponse.seeOther(URI.create("/login?failed"));
  }
}
