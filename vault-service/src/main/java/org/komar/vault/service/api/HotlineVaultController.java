package org.komar.vault.service.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.komar.events.Audience;
import org.komar.events.IntakeReceived;
import org.komar.http.AccessRefusedException;
import org.komar.http.InvalidTextException;
import org.komar.http.UnicodeCheck;
import org.komar.http.vault.CaseErasedException;
import org.komar.http.vault.Erasure;
import org.komar.http.vault.ErasureRequest;
import org.komar.http.vault.HotlineOpenRequest;
import org.komar.http.vault.IntakeSealRequest;
import org.komar.http.vault.IntakeSeals;
import org.komar.http.vault.OpenedValue;
import org.komar.http.vault.SealedJson;
import org.komar.http.vault.VaultApi;
import org.komar.schemas.sealing.SealedFields;
import org.komar.schemas.security.Claims;
import org.komar.schemas.security.Roles;
import org.komar.vault.KeyVault;
import org.komar.vault.SealingException;
import org.komar.vault.service.people.PersonTokens;
import org.komar.vault.service.store.CaseHotlines;
import org.komar.vault.service.store.VaultService;

/**
 * The vault's API for intake-service, which records a hotline's intakes.
 *
 * <ul>
 *   <li>Intake seals: every sealed field of a new intake in one call. The case's data key is created and the case
 *       is bound to the hotline that recorded it; the audiences come from {@code IntakeReceived}'s schema (the
 *       reporter's PIN: the hotline's alone), never from the caller.</li>
 *   <li>Hotline openings and erasures: intake asks on behalf of a hotline's operator or supervisor, with that
 *       person's own token beside its own ({@code Komar-Person}). The vault decides for itself: the token must be a
 *       person's, valid for this service, of a hotline's staff, and name the hotline the case is bound to; only a
 *       supervisor erases. Every refused opening is audited, like every opening.</li>
 * </ul>
 *
 * <p>So intake broken into can record new cases, but open none: it holds no key and no person's token but the one
 * of whoever is asking it at that moment, for their own hotline's cases.
 */
@Controller("/api/v1/vault")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HotlineVaultController {

  /** The reporter's PIN, sealed for the hotline alone: read back only for an idempotent retry. */
  static final String REPORTER_PIN = "reporterPin";

  /** The fields of an intake that are sealed, as {@code IntakeReceived} names them, and the PIN. */
  static final Set<String> INTAKE_FIELDS = Set.of("childIdentity", "narrative", "contentUrls", "offenderHandles",
      "reporterContact", REPORTER_PIN);

  private final VaultService vault;
  private final CaseHotlines hotlines;
  private final PersonTokens people;

  public HotlineVaultController(VaultService vault, CaseHotlines hotlines, PersonTokens people) {
    this.vault = vault;
    this.hotlines = hotlines;
    this.people = people;
  }

  @Post(value = "/intake-seals", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured(Roles.INTAKE_SERVICE)
  public IntakeSeals sealIntake(@Valid @Body IntakeSealRequest request) {
    for (Map.Entry<String, String> field : request.fields().entrySet()) {
      if (!INTAKE_FIELDS.contains(field.getKey())) {
        throw new HttpStatusException(HttpStatus.BAD_REQUEST, "Not a sealed field of an intake: " + field.getKey());
      }
      if (!UnicodeCheck.isValid(field.getValue())) {
        throw new InvalidTextException("fields." + field.getKey());
      }
    }
    try {
      Map<String, SealedJson> sealed = new LinkedHashMap<>();
      vault.sealIntake(request.caseId(), request.hotlineId(), request.fields(), HotlineVaultController::audiences)
          .forEach((field, value) -> sealed.put(field, SealedJson.of(value)));
      return new IntakeSeals(sealed);
    } catch (VaultService.BoundElsewhere elsewhere) {
      throw new HttpStatusException(HttpStatus.CONFLICT, elsewhere.getMessage());
    }
  }

  @Post(value = "/hotline-openings", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured(Roles.INTAKE_SERVICE)
  public OpenedValue openForHotline(@Valid @Body HotlineOpenRequest request,
      @Nullable @Header(VaultApi.PERSON) String person, HttpRequest<?> http, Authentication caller) {
    if (!vault.hasKey(request.caseId())) {
      // No key: erased (or never sealed); nothing of it opens for anyone.
      throw new CaseErasedException();
    }
    Optional<Authentication> asker = people.of(person, http);
    KeyVault.Opening opening = new KeyVault.Opening(request.caseId(), request.field(), Audience.HOTLINE,
        asker.map(Authentication::getName).orElse(caller.getName()), request.purpose(),
        asker.map(found -> found.getAttributes().get(Claims.HOTLINE)).filter(String.class::isInstance)
            .map(String.class::cast).orElse(null));
    String refusal = !INTAKE_FIELDS.contains(request.field()) ? "not a field of an intake"
        : whyNot(asker, request.caseId(), Set.of(Roles.HOTLINE_OPERATOR, Roles.HOTLINE_SUPERVISOR));
    if (refusal != null) {
      vault.refused(opening, refusal);
      throw new AccessRefusedException("The vault does not open this for you: " + refusal);
    }
    return Openings.open(vault, request.sealed(), opening);
  }

  @Post(value = "/erasures", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured(Roles.INTAKE_SERVICE)
  public Erasure erase(@Valid @Body ErasureRequest request, @Nullable @Header(VaultApi.PERSON) String person,
      HttpRequest<?> http) {
    Optional<Authentication> asker = people.of(person, http);
    if (asker.isEmpty() || !asker.get().getRoles().contains(Roles.HOTLINE_SUPERVISOR)) {
      throw new AccessRefusedException("Only a hotline's supervisor erases a case");
    }
    if (!vault.hasKey(request.caseId())) {
      return new Erasure(false); // erased before, or never sealed
    }
    String refusal = whyNot(asker, request.caseId(), Set.of(Roles.HOTLINE_SUPERVISOR));
    if (refusal != null) {
      throw new AccessRefusedException("The vault does not erase this for you: " + refusal);
    }
    return new Erasure(vault.erase(request.caseId(), asker.get().getName(), request.reason()));
  }

  /** Why the vault does not act on this case for the asking person, or null if it does. */
  private String whyNot(Optional<Authentication> asker, String caseId, Set<String> roles) {
    if (asker.isEmpty()) {
      return "no valid token of a person came with the request";
    }
    if (asker.get().getRoles().stream().noneMatch(roles::contains)) {
      return "the person's role does not do a hotline's work here";
    }
    Object hotline = asker.get().getAttributes().get(Claims.HOTLINE);
    Optional<String> bound = hotlines.of(caseId);
    if (bound.isEmpty()) {
      // A key with no hotline: a case recorded before the vault kept one. Nobody opens or erases it until an
      // operator binds it (ARCHITECTURE: moving a platform's keys to the vault).
      return "the case is bound to no hotline";
    }
    if (!(hotline instanceof String named) || !bound.get().equals(named)) {
      return "the case was not recorded by the person's hotline";
    }
    return null;
  }

  private static List<Audience> audiences(String field) {
    return field.equals(REPORTER_PIN) ? List.of(Audience.HOTLINE)
        : SealedFields.audiences(IntakeReceived.getClassSchema(), field);
  }
}
