package org.komar.console.intake;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import java.util.HashMap;
import java.util.Map;
import org.komar.console.IntakeClient;
import org.komar.console.PageModel;
import org.komar.console.ServiceCalls;
import org.komar.console.signin.Csrf;
import org.komar.schemas.security.Claims;
import org.komar.schemas.security.Roles;

/**
 * The hotline's intake page: the few answers routing needs first, the details after, the child's wishes and
 * consent asked in plain words; on success the case reference and the reporter's PIN, to read back.
 */
@Controller("/intake")
@Secured(Roles.HOTLINE_OPERATOR)
@ExecuteOn(TaskExecutors.BLOCKING)
final class IntakeController {

  private final Csrf csrf;
  private final ServiceCalls services;
  private final IntakeClient intakes;
  private final PageModel pages;

  IntakeController(Csrf csrf, ServiceCalls services, IntakeClient intakes, PageModel pages) {
    this.csrf = csrf;
    this.services = services;
    this.intakes = intakes;
    this.pages = pages;
  }

  @Get
  ModelAndView<Map<String, Object>> form(HttpRequest<?> request, Authentication user) {
    return new ModelAndView<>("intake", model(request, user, Map.of(), null));
  }

  @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
  ModelAndView<Map<String, Object>> submit(HttpRequest<?> request, Authentication user,
      @Body Map<String, String> form) {
    csrf.check(request, form.get(Csrf.FIELD));
    IntakeForm intake = IntakeForm.from(form, String.valueOf(user.getAttributes().get(Claims.HOTLINE)));
    if (!intake.problems().isEmpty()) {
      return new ModelAndView<>("intake", model(request, user, form, intake.problems()));
    }
    ServiceCalls.Answer<Map<String, Object>> answer = services.call(request, "intake POST /api/v1/intakes",
        authorization -> intakes.record(authorization, intake.body()));
    if (answer.status() != 201) {
      return new ModelAndView<>("intake", model(request, user, form, java.util.List.of("error.service")));
    }
    Map<String, Object> created = new HashMap<>(model(request, user, Map.of(), null));
    created.put("caseReference", text(answer.bodyOr(Map.of()).get("caseReference")));
    created.put("reporterPin", text(answer.bodyOr(Map.of()).get("reporterPin")));
    return new ModelAndView<>("intake-created", created);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private Map<String, Object> model(HttpRequest<?> request, Authentication user, Map<String, String> form,
      java.util.List<String> problems) {
    Map<String, Object> model = pages.of(request, user);
    model.putAll(IntakeForm.choices());
    model.put("form", form);
    model.put("problems", problems == null ? java.util.List.of() : problems);
    return model;
  }
}
