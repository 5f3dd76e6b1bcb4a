package org.komar.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.time.Duration;

/** Switches the console between Khmer (the default) and English, remembered in a cookie. */
@Controller("/language")
@Secured(SecurityRule.IS_ANONYMOUS)
final class LanguageController {

  static final String COOKIE = "lang";

  @Get
  HttpResponse<?> choose(@QueryValue String to, @Nullable @Header("Referer") String referer) {
    String language = "en".equals(to) ? "en" : "km";
    // Back to the page it was chosen on: only its path, so never to another site.
    String target = "/";
    if (referer != null) {
      try {
        String path = URI.create(referer).getRawPath();
        target = path != null && path.startsWith("/") && !path.startsWith("//") ? path : "/";
      } catch (IllegalArgumentException e) {
        target = "/";
      }
    }
    return HttpResponse.seeOther(URI.create(target)).cookie(Cookie.of(COOKIE, language).path("/")
        .maxAge(Duration.ofDays(365)).httpOnly(true).sameSite(SameSite.Strict));
  }
}
