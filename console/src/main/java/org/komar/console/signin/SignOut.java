package org.komar.console.signin;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.Map;

/**
 * Signing out ends the session twice: here, and at Keycloak, so that the next sign-in asks for the password again
 * rather than passing through Keycloak's single sign-on. A page whose session has ended meanwhile sends the person
 * to sign in again.
 */
@Controller
final class SignOut {

  private final Sessions sessions;
  private final Csrf csrf;
  private final boolean secureCookie;

  SignOut(Sessions sessions, Csrf csrf, @Value("${komar.console.cookie-secure:true}") boolean secureCookie) {
    this.sessions = sessions;
    this.csrf = csrf;
    this.secureCookie = secureCookie;
  }

  @Post("/logout")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Secured(SecurityRule.IS_AUTHENTICATED)
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<?> signOut(HttpRequest<?> request, @Body Map<String, String> form) {
    csrf.check(request, form.get(Csrf.FIELD));
    sessions.end(request);
    return HttpResponse.seeOther(URI.create("/login?signedOut")).cookie(SessionCookie.expired(secureCookie));
  }

  @Error(global = true, exception = SessionEndedException.class)
  HttpResponse<?> ended() {
    return HttpResponse.seeOther(URI.create("/login")).cookie(SessionCookie.expired(secureCookie));
  }
}
