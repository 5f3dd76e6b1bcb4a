package org.komar.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.io.Writable;
import io.micronaut.core.io.scan.ClassPathResourceLoader;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.views.exceptions.ViewRenderingException;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;

/**
 * Renders each page whole before answering. Micronaut Views renders while it writes the response, and a page that
 * fails there leaves the request unanswered: the browser waits for ever (micronaut-views#832). Rendered first,
 * a failing page is an error the server answers with a 500 at once. Pages are small; holding one is nothing.
 */
@Singleton
@Replaces(ThymeleafViewsRenderer.class)
final class EagerPages<T> extends ThymeleafViewsRenderer<T> {

  EagerPages(AbstractConfigurableTemplateResolver templateResolver, TemplateEngine engine,
      ClassPathResourceLoader resourceLoader, HttpLocaleResolver httpLocaleResolver) {
    super(templateResolver, engine, resourceLoader, httpLocaleResolver);
  }

  @Override
  public Writable render(String viewName, T data, HttpRequest<?> request) {
    StringWriter page = new StringWriter();
    try {
      super.render(viewName, data, request).writeTo(page);
    } catch (IOException e) {
      throw new ViewRenderingException("The page " + viewName + " could not be written", e);
    }
    String html = page.toString();
    return out -> out.write(html);
  }
}
