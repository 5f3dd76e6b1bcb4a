package org.komar.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The sign-in page (its button leads to Keycloak: {@code /oauth/login/keycloak}), and the start page that sends
 * each person to their own work.
 */
@Controller
final class PagesController {

  private final PageModel pages;

  PagesController(PageModel pages) {
    this.pages = pages;
  }

  @Get("/login")
  @Secured(SecurityRule.IS_ANONYMOUS)
  ModelAndView<Map<String, Object>> login(@Nullable @QueryValue String failed,
      @Nullable @QueryValue String signedOut) {
    return new ModelAndView<>("login", Map.of("failed", failed != null, "signedOut", signedOut != null));
  }

  @Get
  @Secured(SecurityRule.IS_AUTHENTICATED)
  HttpResponse<?> start(HttpRequest<?> request, Authentication user) {
    List<String> mine = PageModel.pagesOf(user.getRoles());
    return mine.isEmpty()
        ? HttpResponse.status(HttpStatus.FORBIDDEN).body(new ModelAndView<>("no-pages", pages.of(request, user)))
        : HttpResponse.seeOther(URI.create("/" + mine.get(0)));
  }
}
