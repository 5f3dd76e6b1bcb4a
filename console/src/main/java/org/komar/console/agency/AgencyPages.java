package org.komar.console.agency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.komar.console.PageModel;
import org.komar.console.RoutingClient;
import org.komar.console.ServiceCalls;
import org.komar.console.ServiceCalls.Answer;
import org.komar.console.signin.Csrf;
import org.komar.events.CompletionOutcome;
import org.komar.events.DeclineReason;
import org.komar.events.Service;
import org.komar.http.agency.CaseView;
import org.komar.http.agency.InboxItem;
import org.komar.http.agency.Recorded;
import org.komar.schemas.sealing.AgencyOpenings;
import org.komar.schemas.sealing.OpeningPurpose;
import org.komar.schemas.security.Claims;
import org.komar.schemas.security.Roles;

/**
 * The agency pages: my unit's inbox, with each deadline counting down, and a case as every unit that holds one
 * of its referrals sees it, with what my unit can do on its referral. Routing decides who may see and do what;
 * the console shows its answer, a 403 included.
 */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AgencyPages {

  private static final String ID = "[A-Za-z0-9._:-]{1,128}";
  /** For each service, the sealed fields of a case its units may open. */
  private static final Map<Service, List<String>> OPENABLE = java.util.Arrays.stream(Service.values())
      .collect(java.util.stream.Collectors.toUnmodifiableMap(service -> service, AgencyOpenings::openableBy));
  /** Why an agency may open them, in the order of the list. */
  private static final List<String> PURPOSES = java.util.Arrays.stream(OpeningPurpose.values())
      .filter(AgencyOpenings.PURPOSES::contains).map(Enum::name).toList();
  private static final Set<String> ACTIONS = Set.of("acceptance", "decline", "progress", "completion");
  /** What the case page shows when routing gave no case: nothing. */
  private static final CaseView NO_CASE = new CaseView(null, null, null, null, null, 0, null, List.of(), List.of(),
      List.of());

  private final ServiceCalls services;
  private final RoutingClient routing;
  private final Csrf csrf;
  private final PageModel pages;
  private final ObjectMapper json;

  AgencyPages(ServiceCalls services, RoutingClient routing, Csrf csrf, PageModel pages, ObjectMapper json) {
    this.services = services;
    this.routing = routing;
    this.csrf = csrf;
    this.pages = pages;
    this.json = json;
  }

  @Get("/inbox")
  ModelAndView<Map<String, Object>> inbox(HttpRequest<?> request, Authentication user) {
    Answer<List<InboxItem>> inbox = services.call(request, "routing GET /api/v1/inbox", routing::inbox);
    Map<String, Object> model = model(request, user);
    model.put("items", inbox.bodyOr(List.of()));
    model.put("unavailable", inbox.status() != 200);
    return new ModelAndView<>("inbox", model);
  }

  /** A supervisor's page: escalated and reassigned referrals of their units, and units without a woman officer. */
  @Get("/supervision")
  @Secured(Roles.AGENCY_SUPERVISOR)
  ModelAndView<Map<String, Object>> supervision(HttpRequest<?> request, Authentication user) {
    Answer<Map<String, Object>> answer = services.call(request, "routing GET /api/v1/supervision",
        routing::supervision);
    Map<String, Object> model = model(request, user);
    model.put("unavailable", answer.status() != 200);
    model.put("referrals", answer.bodyOr(Map.of()).getOrDefault("referrals", List.of()));
    model.put("withoutFemaleOfficer", answer.bodyOr(Map.of()).getOrDefault("withoutFemaleOfficer", List.of()));
    return new ModelAndView<>("supervision", model);
  }

  @Get("/cases/{caseId}")
  HttpResponse<?> caseOf(HttpRequest<?> request, Authentication user, @PathVariable String caseId) {
    requireId(caseId);
    Answer<CaseView> answer = services.call(request, "routing GET /api/v1/cases",
        authorization -> routing.caseOf(authorization, caseId));
    if (answer.status() == 403 || answer.status() == 404) {
      return HttpResponse.status(HttpStatus.valueOf(answer.status()))
          .body(new ModelAndView<>("refused", model(request, user)));
    }
    CaseView view = answer.bodyOr(NO_CASE);
    Map<String, Object> model = model(request, user);
    model.put("unavailable", answer.status() != 200);
    model.put("view", view);
    Object unit = user.getAttributes().get(Claims.UNIT);
    model.put("mine", view.referrals().stream()
        .filter(referral -> unit != null && unit.equals(referral.unitId())).toList());
    model.put("openable", OPENABLE);
    model.put("purposes", PURPOSES);
    model.put("declineReasons", names(DeclineReason.values()));
    model.put("outcomes", names(CompletionOutcome.values()));
    return HttpResponse.ok(new ModelAndView<>("case", model));
  }

  /** Accept, decline, record progress or complete a referral my unit holds; then back to the case. */
  @Post(value = "/cases/{caseId}/referrals/{referralId}/{action}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> act(HttpRequest<?> request, @PathVariable String caseId, @PathVariable String referralId,
      @PathVariable String action, @Body Map<String, String> form) {
    csrf.check(request, form.get(Csrf.FIELD));
    requireId(caseId);
    requireId(referralId);
    if (!ACTIONS.contains(action)) {
      throw new HttpStatusException(HttpStatus.NOT_FOUND, "No such action");
    }
    Map<String, Object> body = switch (action) {
      case "acceptance" -> Map.of("femaleOfficerAssigned", "yes".equals(form.get("femaleOfficerAssigned")));
      case "decline" -> withNote(Map.of("reason", one(form.get("reason"), DeclineReason.values())), form);
      case "progress" -> Map.of("note", nonBlank(form.get("note")));
      default -> Map.of("outcome", one(form.get("outcome"), CompletionOutcome.values()));
    };
    Answer<Recorded> answer = services.call(request, "routing POST /api/v1/cases",
        authorization -> routing.act(authorization, caseId, referralId, action, body));
    String outcome = answer.status() == 202 ? "done" : answer.status() == 409 ? "conflict"
        : answer.status() == 403 ? "refused" : "unavailable";
    return HttpResponse.seeOther(URI.create("/cases/" + caseId + "?" + outcome));
  }

  /**
   * Opens a sealed field of the case for my unit's accepted referral, for the purpose I chose; routing checks, the
   * vault records it. The value is shown on this answer only (never stored, never redirected to, never cached).
   */
  @Post(value = "/cases/{caseId}/referrals/{referralId}/openings", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> open(HttpRequest<?> request, Authentication user, @PathVariable String caseId,
      @PathVariable String referralId, @Body Map<String, String> form) {
    csrf.check(request, form.get(Csrf.FIELD));
    requireId(caseId);
    requireId(referralId);
    String field = form.get("field");
    String purpose = form.get("purpose");
    if (!AgencyOpenings.FIELDS.contains(field) || !PURPOSES.contains(purpose)) {
      throw new HttpStatusException(HttpStatus.BAD_REQUEST, "Choose what to open and why");
    }
    Answer<Map<String, Object>> answer = services.call(request, "routing POST /api/v1/cases",
        authorization -> routing.open(authorization, caseId, referralId, Map.of("field", field, "purpose", purpose)));
    return switch (answer.status()) {
      case 200 -> {
        Map<String, Object> model = model(request, user);
        model.put("caseId", caseId);
        model.put("field", field);
        model.put("purpose", purpose);
        Object value = answer.bodyOr(Map.of()).get("value");
        model.put("opened", OpenedValue.of(field, value == null ? null : value.toString(), json));
        yield HttpResponse.ok(new ModelAndView<>("opened", model));
      }
      case 403 -> HttpResponse.status(HttpStatus.FORBIDDEN).body(new ModelAndView<>("refused", model(request, user)));
      case 404 -> HttpResponse.seeOther(URI.create("/cases/" + caseId + "?notRecorded"));
      case 409 -> HttpResponse.seeOther(URI.create("/cases/" + caseId + "?conflict"));
      case 410 -> HttpResponse.seeOther(URI.create("/cases/" + caseId + "?erased"));
      default -> HttpResponse.seeOther(URI.create("/cases/" + caseId + "?unavailable"));
    };
  }

  private Map<String, Object> model(HttpRequest<?> request, Authentication user) {
    Map<String, Object> model = pages.of(request, user);
    model.put("done", request.getParameters().contains("done"));
    model.put("conflict", request.getParameters().contains("conflict"));
    model.put("notRecorded", request.getParameters().contains("notRecorded"));
    model.put("erased", request.getParameters().contains("erased"));
    model.put("failed", request.getParameters().contains("unavailable") || request.getParameters().contains("refused"));
    return model;
  }

  private static Map<String, Object> withNote(Map<String, Object> body, Map<String, String> form) {
    String note = form.get("note");
    if (note == null || note.isBlank()) {
      return body;
    }
    Map<String, Object> noted = new HashMap<>(body);
    noted.put("note", note.strip());
    return noted;
  }

  private static String one(@Nullable String value, Enum<?>[] allowed) {
    for (Enum<?> option : allowed) {
      if (option.name().equals(value)) {
        return value;
      }
    }
    throw new HttpStatusException(HttpStatus.BAD_REQUEST, "Choose one of the options");
  }

  private static String nonBlank(@Nullable String note) {
    if (note == null || note.isBlank()) {
      throw new HttpStatusException(HttpStatus.BAD_REQUEST, "Write the note first");
    }
    return note.strip();
  }

  private static void requireId(String id) {
    if (!id.matches(ID)) {
      throw new HttpStatusException(HttpStatus.NOT_FOUND, "No such case");
    }
  }

  private static List<String> names(Enum<?>[] values) {
    return java.util.Arrays.stream(values).map(Enum::name).toList();
  }
}
