package org.komar.intake.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.komar.events.Channel;
import org.komar.http.AccessRefusedException;
import org.komar.http.vault.CaseErasedException;
import org.komar.intake.intake.IntakeRow;
import org.komar.intake.intake.IntakeService;
import org.komar.intake.security.HotlineStaff;
import org.komar.schemas.security.Roles;
import org.komar.http.InvalidTextException;
import org.komar.http.UnicodeCheck;

/**
 * The hotline's API: record an intake, read its status (staff), and the reporter's status check by case
 * reference and PIN, answered in simple Khmer or English without any case detail.
 *
 * <p>Without an {@code Idempotency-Key} header no duplicate protection is promised: a retried request creates
 * a second case. With one, a retry with the same body returns the same case.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class IntakeController {

  /** What the operator reads back to the reporter. */
  @Serdeable
  public record IntakeCreated(UUID caseId, String caseReference, String reporterPin, String status,
      Instant receivedAt) {
  }

  /** A case as staff see it here: INTERNAL fields only. */
  @Serdeable
  public record IntakeStatus(String caseReference, String status, Instant receivedAt, String province,
      String riskLevel, List<String> incidentCategories, boolean femaleOfficerRequested) {
  }

  @Serdeable
  public record StatusCheck(@NotBlank @Size(max = 16) String caseReference,
      @NotBlank @Pattern(regexp = "\\d{6}") String pin, @NotNull ReporterAnswers.Language language) {
  }

  @Serdeable
  public record StatusAnswer(String message) {
  }

  private static final ZoneId CAMBODIA = ZoneId.of("Asia/Phnom_Penh");

  private final IntakeService intakes;

  public IntakeController(IntakeService intakes) {
    this.intakes = intakes;
  }

  /**
   * Records an intake: a hotline operator's, for their own hotline; or the hotline's public reporting page's
   * ({@link Roles#WEB_REPORTING}, the page's own service identity), for the hotline its token names and by its web
   * channel only, so that the page cannot pass a report off as one taken by a person.
   */
  @Post(value = "/intakes", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured({Roles.HOTLINE_OPERATOR, Roles.WEB_REPORTING})
  public HttpResponse<IntakeCreated> create(Authentication caller, @Valid @Body IntakeRequest request,
      @Nullable @Header("Idempotency-Key") @Size(min = 8, max = 128) @Pattern(regexp = "[\\x21-\\x7E]+")
      String idempotencyKey, @Header(HttpHeaders.AUTHORIZATION) String bearer) {
    UnicodeCheck.firstInvalid(request, "").ifPresent(field -> {
      throw new InvalidTextException(field);
    });
    // Cambodia's date: a child born today there is not "in the future" because the server runs on UTC.
    ChildAge.check(request.child(), LocalDate.now(CAMBODIA));
    // An operator, or a hotline's reporting page, records intakes for the hotline its token names, and no other.
    if (!HotlineStaff.hotlineOf(caller).map(request.hotlineId()::equals).orElse(false)) {
      throw new AccessRefusedException("You may record intakes for your own hotline only");
    }
    if (HotlineStaff.isWebChannel(caller) && request.channel() != Channel.INTERNET_HOTLINE) {
      throw new AccessRefusedException("A reporting page records reports of its web channel only");
    }
    IntakeService.Created created;
    try {
      created = intakes.create(request, idempotencyKey, HotlineStaff.isWebChannel(caller) ? null : bearer);
    } catch (CaseErasedException erased) {
      throw new CaseErasedException("The case of this Idempotency-Key was erased");
    }
    IntakeCreated body = new IntakeCreated(created.caseId(), created.caseReference(), created.reporterPin(),
        "RECEIVED", created.receivedAt());
    return HttpResponse.<IntakeCreated>status(created.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
        .headers(headers -> headers.location(URI.create("/api/v1/intakes/" + created.caseReference())))
        .body(body);
  }

  /**
   * A case's status, for its own hotline's operators and supervisors only: another hotline's staff, an agency's
   * supervisor and an auditor learn nothing of it, not even that it exists.
   */
  @Get(value = "/intakes/{caseReference}", produces = MediaType.APPLICATION_JSON)
  @Secured({Roles.HOTLINE_OPERATOR, Roles.HOTLINE_SUPERVISOR})
  public IntakeStatus status(Authentication caller, @Size(max = 16) String caseReference) {
    IntakeRow row = intakes.find(caseReference)
        .filter(found -> HotlineStaff.hotlineOf(caller).map(found.hotlineId()::equals).orElse(false))
        .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No case with that reference"));
    return new IntakeStatus(row.caseReference(), row.status(), row.receivedAt(), row.province(), row.riskLevel(),
        List.of(row.incidentCategories()), row.femaleOfficer());
  }

  /** A POST, so that the PIN never appears in a URL or an access log. Reporters have no account. */
  @Post(value = "/status-checks", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured(SecurityRule.IS_ANONYMOUS)
  public StatusAnswer check(@Valid @Body StatusCheck check) {
    try {
      return answer(check);
    } catch (IntakeService.TooManyAttempts tooMany) {
      throw new HttpStatusException(HttpStatus.TOO_MANY_REQUESTS, ReporterAnswers.tooManyTries(check.language()));
    }
  }

  private StatusAnswer answer(StatusCheck check) {
    return intakes.forReporter(check.caseReference(), check.pin())
        .map(row -> new StatusAnswer(ReporterAnswers.forStatus(row.status(), row.caseReference(),
            check.language())))
        .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
            ReporterAnswers.notFound(check.language())));
  }
}
