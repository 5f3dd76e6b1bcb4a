package org.komar.reporting;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * What every answer of the page tells the browser. Keep nothing: no page in the cache or history to show again
 * (a reference and PIN, a half-written report), no cookie ever (one set by anything is removed here). Load and
 * run only this site's own files, tell no other site the address it came from (the quick exit included), and never be framed.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SafePages {

  static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  @ResponseFilter
  void protect(MutableHttpResponse<?> response) {
    response.getHeaders().remove(HttpHeaders.SET_COOKIE);
    response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    response.header("Content-Security-Policy", POLICY);
    response.header("X-Content-Type-Options", "nosniff");
    // same-origin, not no-referrer: with no-referrer the browser posts the page's own forms with "Origin: null", which
    // Micronaut refuses (403) as a cross-site request to a local server; no other site is ever told the address.
    response.header("Referrer-Policy", "same-origin");
    response.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    response.header("Cross-Origin-Opener-Policy", "same-origin");
  }
}
