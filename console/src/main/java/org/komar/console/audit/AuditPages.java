package org.komar.console.audit;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.komar.console.PageModel;
import org.komar.console.ServiceCalls;
import org.komar.http.audit.AuditRecordView;
import org.komar.http.audit.TrailCheck;
import org.komar.schemas.security.Roles;

/**
 * The auditor's page: whether the signed audit trail is whole, and its records, filtered by case, person, unit and
 * day: who opened what of which case, when, why and from which unit; the refused attempts, the overrides and the
 * erasures. It shows nothing sealed: the trail holds none of it.
 */
@Controller("/audit")
@Secured(Roles.AUDITOR)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuditPages {

  static final int PAGE = 100;

  private final ServiceCalls services;
  private final AuditClient vault;
  private final PageModel pages;

  AuditPages(ServiceCalls services, AuditClient vault, PageModel pages) {
    this.services = services;
    this.vault = vault;
    this.pages = pages;
  }

  @Get("/{?caseId,actorId,unitId,from,to,after}")
  ModelAndView<Map<String, Object>> audit(HttpRequest<?> request, Authentication user,
      @Nullable @QueryValue String caseId, @Nullable @QueryValue String actorId,
      @Nullable @QueryValue String unitId, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
      @Nullable @QueryValue Long after) {
    Map<String, Object> model = pages.of(request, user);
    String fromInstant = dayStart(from, 0);
    String toInstant = dayStart(to, 1);
    ServiceCalls.Answer<TrailCheck> check = services.call(request, "vault GET /api/v1/audit/verification",
        vault::verification);
    ServiceCalls.Answer<List<AuditRecordView>> records = services.call(request, "vault GET /api/v1/audit/records",
        authorization -> vault.records(authorization, blankToNull(caseId), blankToNull(actorId),
            blankToNull(unitId), fromInstant, toInstant, after, PAGE));
    model.put("unavailable", check.status() != 200 || records.status() != 200);
    model.put("check", check.bodyOr(null));
    List<AuditRecordView> found = records.bodyOr(List.of());
    model.put("records", found);
    model.put("next", found.size() == PAGE ? found.getLast().sequence() : null);
    model.put("filter", Map.of("caseId", text(caseId), "actorId", text(actorId), "unitId", text(unitId),
        "from", fromInstant == null ? "" : from, "to", toInstant == null ? "" : to));
    return new ModelAndView<>("audit", model);
  }

  /** The start of a day given as {@code yyyy-MM-dd}, {@code plusDays} on, as an instant (UTC); null if none. */
  private static String dayStart(String day, int plusDays) {
    if (day == null || day.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(day).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }
}
