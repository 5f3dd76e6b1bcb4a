package org.komar.reporting;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import org.komar.events.Language;

/**
 * The page's language: Khmer, unless the address asks for English ({@code ?lang=en}). Never the browser's own
 * language, and never a cookie: the page keeps nothing on the phone, so the choice travels in its links and forms.
 */
@Singleton
final class PageLanguage implements HttpLocaleResolver {

  static final Locale KHMER = Locale.forLanguageTag("km");
  /** The query parameter that carries the choice, and its one value besides the default. */
  static final String PARAMETER = "lang";
  static final String ENGLISH = "en";

  static boolean english(HttpRequest<?> request) {
    return ENGLISH.equals(request.getParameters().get(PARAMETER));
  }

  static Language of(HttpRequest<?> request) {
    return english(request) ? Language.ENGLISH : Language.KHMER;
  }

  /** What a link or form of the page adds to its address to stay in this language. */
  static String query(HttpRequest<?> request) {
    return english(request) ? "?" + PARAMETER + "=" + ENGLISH : "";
  }

  @Override
  public Optional<Locale> resolve(HttpRequest<?> request) {
    return Optional.of(resolveOrDefault(request));
  }

  @Override
  public Locale resolveOrDefault(HttpRequest<?> request) {
    return english(request) ? Locale.ENGLISH : KHMER;
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE;
  }
}
