package org.komar.console.indicators;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import java.util.List;
import java.util.Map;
import org.komar.console.PageModel;
import org.komar.console.RoutingClient;
import org.komar.console.ServiceCalls;
import org.komar.http.agency.IndicatorFigure;
import org.komar.schemas.security.Roles;

/**
 * The National Action Plan indicators of the last week, one window at a time, as routing publishes them: small
 * figures arrive already suppressed, and stay so here.
 */
@Controller("/indicators")
@Secured({Roles.AGENCY_SUPERVISOR, Roles.HOTLINE_SUPERVISOR, Roles.AUDITOR})
@ExecuteOn(TaskExecutors.BLOCKING)
final class IndicatorPages {

  private final ServiceCalls services;
  private final RoutingClient routing;
  private final PageModel pages;

  IndicatorPages(ServiceCalls services, RoutingClient routing, PageModel pages) {
    this.services = services;
    this.routing = routing;
    this.pages = pages;
  }

  @Get
  ModelAndView<Map<String, Object>> indicators(HttpRequest<?> request, Authentication user,
      @Nullable @QueryValue String window) {
    ServiceCalls.Answer<List<IndicatorFigure>> answer = services.call(request, "routing GET /api/v1/indicators",
        authorization -> routing.indicators(authorization, 7));
    Map<String, Object> model = pages.of(request, user);
    model.put("unavailable", answer.status() != 200);
    model.put("charts", IndicatorCharts.of(answer.bodyOr(List.of()), window));
    model.put("barSpace", IndicatorCharts.BAR_SPACE);
    return new ModelAndView<>("indicators", model);
  }
}
