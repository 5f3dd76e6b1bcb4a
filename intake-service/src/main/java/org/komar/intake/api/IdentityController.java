package org.komar.intake.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.komar.events.SealedValue;
import org.komar.http.AccessRefusedException;
import org.komar.http.vault.CaseErasedException;
import org.komar.intake.intake.IntakeRow;
import org.komar.intake.intake.IntakeService;
import org.komar.intake.security.HotlineStaff;
import org.komar.schemas.security.Roles;
import org.komar.schemas.sealing.OpeningPurpose;

/**
 * The identity read path and crypto-shredding, for a hotline's own cases. Both go to the vault (vault-service) with
 * the caller's own token beside intake's, and the vault decides for itself: opening a sealed field states a purpose
 * and is recorded ({@code IdentityAccessed}) before the value is returned, as the hotline's audience, and only
 * fields sealed for it open. A supervisor can erase a case: its key is deleted and nothing of it opens anywhere
 * again.
 */
@Controller("/api/v1/intakes/{caseReference}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class IdentityController {

  @Serdeable
  public record OpeningRequest(
      @NotBlank @Pattern(regexp = "childIdentity|narrative|contentUrls|offenderHandles|reporterContact") String field,
      @NotNull OpeningPurpose purpose) {
  }

  @Serdeable
  public record Opened(String field, String value) {
  }

  @Serdeable
  public record ErasureRequest(@NotNull ErasureReason reason) {
  }

  @Serdeable
  public record Erased(String caseReference, String status) {
  }

  private final IntakeService intakes;

  public IdentityController(IntakeService intakes) {
    this.intakes = intakes;
  }

  @Post(value = "/openings", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured({Roles.HOTLINE_OPERATOR, Roles.HOTLINE_SUPERVISOR})
  public Opened open(@Size(max = 16) String caseReference, @Valid @Body OpeningRequest request,
      Authentication caller, @Header(HttpHeaders.AUTHORIZATION) String bearer) {
    IntakeRow row = find(caseReference);
    requireOwnHotline(caller, row);
    SealedValue sealed = intakes.sealed(row, request.field())
        .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, request.field() + " was not recorded"));
    return new Opened(request.field(), intakes.open(row, request.field(), sealed, bearer, request.purpose().name()));
  }

  @Post(value = "/erasure", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured(Roles.HOTLINE_SUPERVISOR)
  public Erased erase(@Size(max = 16) String caseReference, @Valid @Body ErasureRequest request,
      Authentication caller, @Header(HttpHeaders.AUTHORIZATION) String bearer) {
    IntakeRow row = find(caseReference);
    requireOwnHotline(caller, row);
    if (!intakes.erase(row, bearer, request.reason().name())) {
      throw new CaseErasedException("This case was erased before");
    }
    return new Erased(row.caseReference(), "ERASED");
  }

  /** A hotline's staff open and erase their own hotline's cases only. */
  private static void requireOwnHotline(Authentication caller, IntakeRow row) {
    if (!HotlineStaff.hotlineOf(caller).map(row.hotlineId()::equals).orElse(false)) {
      throw new AccessRefusedException("This case belongs to another hotline");
    }
  }

  private IntakeRow find(String caseReference) {
    return intakes.find(caseReference)
        .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No case with that reference"));
  }
}
