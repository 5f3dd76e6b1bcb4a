package org.komar.intake.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.komar.events.Audience;
import org.komar.events.SealedValue;
import org.komar.http.AccessRefusedException;
import org.komar.http.vault.CaseErasedException;
import org.komar.intake.intake.IntakeRow;
import org.komar.intake.intake.IntakeService;
import org.komar.intake.security.HotlineStaff;
import org.komar.intake.vault.VaultService;
import org.komar.schemas.security.Roles;
import org.komar.vault.KeyVault;
import org.komar.schemas.sealing.OpeningPurpose;
import org.komar.vault.SealingException;

/**
 * The identity read path and crypto-shredding. Opening a sealed field of a case states a purpose and is
 * recorded ({@code IdentityAccessed}) before the value is returned; the caller opens as the audience of its
 * role, and only fields sealed for that audience open. A supervisor can erase a case: its key is deleted and
 * nothing of it opens anywhere again.
 */
@Controller("/api/v1/intakes/{caseReference}")
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
  private final VaultService vault;

  public IdentityController(IntakeService intakes, VaultService vault) {
    this.intakes = intakes;
    this.vault = vault;
  }

  @Post(value = "/openings", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured({Roles.HOTLINE_OPERATOR, Roles.HOTLINE_SUPERVISOR})
  public Opened open(@Size(max = 16) String caseReference, @Valid @Body OpeningRequest request,
      Authentication caller) {
    IntakeRow row = find(caseReference);
    requireOwnHotline(caller, row);
    SealedValue sealed = intakes.sealed(row, request.field())
        .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, request.field() + " was not recorded"));
    Audience audience = HotlineStaff.audienceOf(caller.getRoles())
        .orElseThrow(() -> new AccessRefusedException("Your role opens no sealed value"));
    try {
      return new Opened(request.field(), vault.open(sealed, new KeyVault.Opening(row.caseId().toString(),
          request.field(), audience, caller.getName(), request.purpose().name())));
    } catch (SealingException.AccessRefused refused) {
      throw new AccessRefusedException(request.field() + " is not sealed for " + audience);
    } catch (SealingException.CaseErased erased) {
      throw new CaseErasedException();
    }
  }

  @Post(value = "/erasure", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured(Roles.HOTLINE_SUPERVISOR)
  public Erased erase(@Size(max = 16) String caseReference, @Valid @Body ErasureRequest request,
      Authentication caller) {
    IntakeRow row = find(caseReference);
    requireOwnHotline(caller, row);
    if (!intakes.erase(row, caller.getName(), request.reason().name())) {
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
