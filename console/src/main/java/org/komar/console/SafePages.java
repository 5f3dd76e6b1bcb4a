package org.komar.console;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * What every page of the console tells the browser: keep nothing (a case reference, a PIN or a note must not
 * stay in its cache or history), run only this site's own files, never be framed by another site.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SafePages {

  @ResponseFilter
  void protect(MutableHttpResponse<?> response) {
    response.header("Cache-Control", "no-store");
    response.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
    response.header("X-Content-Type-Options", "nosniff");
    response.header("Referrer-Policy", "same-origin");
  }
}
