package org.komar.console;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.util.Map;

/** A page whose template fails while it renders, for {@link EagerPagesTest} only. */
@Controller("/test-broken-page")
@Requires(property = "test.broken-page", value = "true")
@Secured(SecurityRule.IS_ANONYMOUS)
final class BrokenPageController {

  @Get
  ModelAndView<Map<String, Object>> broken() {
    return new ModelAndView<>("broken-for-test", Map.of());
  }
}
