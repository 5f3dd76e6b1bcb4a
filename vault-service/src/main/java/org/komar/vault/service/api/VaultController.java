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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.komar.events.Audience;
import org.komar.events.Service;
import org.komar.events.ReferralDeclined;
import org.komar.events.ReferralProgressed;
import org.komar.http.AccessRefusedException;
import org.komar.http.vault.AgencyOpenRequest;
import org.komar.http.vault.CaseErasedException;
import org.komar.http.vault.OpenRequest;
import org.komar.http.vault.OpenedValue;
import org.komar.http.vault.SealRequest;
import org.komar.http.vault.SealedJson;
import org.komar.http.vault.VaultApi;
import org.komar.http.InvalidTextException;
import org.komar.http.UnicodeCheck;
import org.komar.vault.service.holders.CaseHolders;
import org.komar.vault.service.people.PersonTokens;
import org.komar.vault.service.store.VaultService;
import org.komar.schemas.sealing.AgencyOpenings;
import org.komar.schemas.security.Claims;
import org.komar.schemas.security.Roles;
import org.komar.vault.KeyVault;
import org.komar.schemas.sealing.OpeningPurpose;
import org.komar.schemas.sealing.SealedFields;
import org.komar.vault.SealingException;

/**
 * The vault's API for routing-service and notification-service, each calling as itself.
 *
 * <ul>
 *   <li>Sealing: routing seals an agency's free-text note (which may name the child) before the note goes
 *       anywhere. The caller names the event and field; the audiences come from that field's schema, never from
 *       the caller, so nobody can widen who may read a note. Only cases that already have a key can be sealed
 *       for: an erased case stays erased.</li>
 *   <li>Opening: notification-service opens a reporter's contact at the moment it sends them an update, as the
 *       NOTIFICATION audience, for a stated purpose; the opening is audited before the value is returned.</li>
 *   <li>Agency openings: routing-service asks on behalf of a person of an agency unit, with that person's own
 *       token beside its own ({@code Komar-Person}). The vault decides for itself: the token must be a person's,
 *       valid for this service; their unit must hold a referral of the case, ACCEPTED or IN_PROGRESS, for the
 *       service whose audience is asked for, by the vault's own reading of {@code case-states}
 *       ({@link CaseHolders}); the purpose must be an agency's. The audit names the person, not the service, and
 *       records every refusal too. The value opens only if it was sealed for that audience.</li>
 * </ul>
 *
 * <p>The requests and answers are service-http's records ({@code org.komar.http.vault}), the ones
 * {@code VaultClient} sends and reads: the wire format is written once.
 */
@Controller("/api/v1/vault")
public class VaultController {

  /** The events whose fields other services may have sealed, by name. */
  private static final Map<String, Schema> SEALABLE = Map.of(
      "ReferralProgressed", ReferralProgressed.getClassSchema(),
      "ReferralDeclined", ReferralDeclined.getClassSchema());

  /** The one field notification-service may open: whom to tell, at the moment it tells them. */
  private static final String REPORTER_CONTACT = "reporterContact";

  private final VaultService vault;
  private final CaseHolders holders;
  private final PersonTokens people;

  /** How long an agency opening waits for the vault's view of a case to catch up with a state just written. */
  private final java.time.Duration catchUp;

  public VaultController(VaultService vault, CaseHolders holders, PersonTokens people,
      @io.micronaut.context.annotation.Value("${komar.vault.catch-up:3s}") java.time.Duration catchUp) {
    this.vault = vault;
    this.holders = holders;
    this.people = people;
    this.catchUp = catchUp;
  }

  @Post(value = "/seals", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured(Roles.ROUTING_SERVICE)
  public SealedJson seal(@Valid @Body SealRequest request) {
    if (!UnicodeCheck.isValid(request.text())) {
      throw new InvalidTextException("text");
    }
    List<Audience> audiences = SealedFields.audiences(SEALABLE.get(request.event()), request.field());
    try {
      return SealedJson.of(vault.sealNote(request.caseId(), request.event() + "." + request.field(), audiences,
          request.text()));
    } catch (SealingException.CaseErased erased) {
      throw new CaseErasedException("This case was erased, or has no key");
    }
  }

  @Post(value = "/openings", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured(Roles.NOTIFICATION_SERVICE)
  public OpenedValue open(@Valid @Body OpenRequest request, Authentication caller) {
    if (!REPORTER_CONTACT.equals(request.field())) {
      vault.refused(new KeyVault.Opening(request.caseId(), request.field(), Audience.NOTIFICATION, caller.getName(),
          request.purpose()), "notification-service opens a reporter's contact only");
      throw new AccessRefusedException("notification-service opens a reporter's contact only");
    }
    return Openings.open(vault, request.sealed(), new KeyVault.Opening(request.caseId(), request.field(),
        Audience.NOTIFICATION, caller.getName(), request.purpose()));
  }

  @Post(value = "/agency-openings", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured(Roles.ROUTING_SERVICE)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public OpenedValue openForAgency(@Valid @Body AgencyOpenRequest request,
      @Nullable @Header(VaultApi.PERSON) String person, HttpRequest<?> http, Authentication caller) {
    Optional<Authentication> asker = people.of(person, http);
    String unit = asker.map(found -> found.getAttributes().get(Claims.UNIT)).filter(String.class::isInstance)
        .map(String.class::cast).orElse(null);
    KeyVault.Opening opening = new KeyVault.Opening(request.caseId(), request.field(), request.audience(),
        asker.map(Authentication::getName).orElse(caller.getName()), request.purpose().name(), unit);
    String refusal = whyNot(request, asker, unit);
    if (refusal == null) {
      return Openings.open(vault, request.sealed(), opening);
    }
    vault.refused(opening, refusal);
    throw new AccessRefusedException("The vault does not open this for you: " + refusal);
  }

  /** Why the vault does not open this for the asking person, or null if it does. */
  private String whyNot(AgencyOpenRequest request, Optional<Authentication> asker, String unit) {
    if (!AgencyOpenings.FIELDS.contains(request.field()) || !AgencyOpenings.isAgencyAudience(request.audience())
        || !AgencyOpenings.PURPOSES.contains(request.purpose())) {
      // Routing refuses these itself (400) before it asks: asking anyway is what routing broken into would do.
      return "not an agency's field, audience or purpose";
    }
    if (asker.isEmpty()) {
      return "no valid token of a person came with the request";
    }
    if (unit == null) {
      return "the person's token names no unit";
    }
    Optional<Service> inHand = holders.inHandOf(request.caseId(), unit, catchUp)
        .filter(service -> AgencyOpenings.audienceOf(service) == request.audience());
    if (inHand.isEmpty()) {
      return "the person's unit has no referral of the case in hand for " + request.audience();
    }
    if (!Roles.doesWorkOf(asker.get().getRoles(), inHand.get())) {
      return "the person's role does not do the work of " + inHand.get();
    }
    return null;
  }
}
