package org.komar.routing.api;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.komar.events.AgencyUnit;
import org.komar.events.Language;
import org.komar.events.OnlinePlatform;
import org.komar.events.Province;
import org.komar.events.Service;
import org.komar.http.WebhookAddresses;
import org.komar.routing.runtime.CaseStores;
import org.komar.routing.runtime.EventPublisher;
import org.komar.schemas.Topics;
import org.komar.schemas.security.Roles;

/**
 * The agency directory: every signed-in user may read it, and directory administrators and supervisors see its
 * contacts too (webhook, phone, e-mail); a directory administrator adds or changes a unit (a female officer now
 * on duty, a unit full or closed), published to the compacted {@code agency-units} topic that every routing
 * instance reads whole. Routing uses the change for the next referral it makes. A webhook must be https to a
 * public address ({@link WebhookAddresses}). Off the event loop: a webhook's host is looked up, and a change
 * waits for Kafka.
 */
@Controller("/api/v1/units")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DirectoryController {

  private static final String UNIT_ID = "[a-z0-9][a-z0-9-]{1,63}";

  /** A unit of the directory; on update, the unit id comes from the path and any in the body is ignored. */
  @Serdeable
  public record Unit(
      @Nullable String unitId,
      @NotBlank @Size(max = 200) String name,
      @NotNull Service service,
      @NotEmpty List<@NotNull Province> provinces,
      @NotEmpty List<@NotNull Language> languages,
      @Nullable List<@NotNull OnlinePlatform> platforms,
      @Min(0) @Max(1000) int femaleOfficersAvailable,
      @Min(0) @Max(100000) int capacity,
      boolean active,
      @Nullable @Pattern(regexp = UNIT_ID) String supervisorUnitId,
      @Nullable @Pattern(regexp = "https?://[^\\s]{1,500}") String webhookUrl,
      @Nullable @Pattern(regexp = "\\+?[0-9 ]{6,20}") String smsNumber,
      @Nullable @Email @Size(max = 200) String email) {
  }

  /** Who sees a unit's contacts: those who keep the directory and those who oversee units. */
  private static final Set<String> SEE_CONTACTS = Set.of(Roles.DIRECTORY_ADMIN, Roles.AGENCY_SUPERVISOR);

  private final CaseStores stores;
  private final EventPublisher publisher;
  private final boolean loopbackWebhooks;

  public DirectoryController(CaseStores stores, EventPublisher publisher,
      @Value("${komar.webhooks.allow-loopback:false}") boolean loopbackWebhooks) {
    this.stores = stores;
    this.publisher = publisher;
    this.loopbackWebhooks = loopbackWebhooks;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  @Secured(SecurityRule.IS_AUTHENTICATED)
  public List<Unit> directory(Authentication caller) {
    boolean contacts = caller.getRoles().stream().anyMatch(SEE_CONTACTS::contains);
    return stores.directory().stream().sorted(Comparator.comparing(AgencyUnit::getUnitId))
        .map(unit -> contacts ? view(unit) : withoutContacts(view(unit))).toList();
  }

  @Put(value = "/{unitId}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Secured(Roles.DIRECTORY_ADMIN)
  public HttpResponse<Unit> update(@Pattern(regexp = UNIT_ID) String unitId, @Valid @Body Unit request,
      Authentication caller) {
    if (request.webhookUrl() != null) {
      WebhookAddresses.refusal(request.webhookUrl(), loopbackWebhooks).ifPresent(reason -> {
        throw new HttpStatusException(HttpStatus.BAD_REQUEST, "webhookUrl is refused: " + reason);
      });
    }
    AgencyUnit unit = AgencyUnit.newBuilder().setUnitId(unitId).setName(request.name())
        .setService(request.service()).setProvinces(request.provinces()).setLanguages(request.languages())
        .setPlatforms(request.platforms() == null ? List.of() : request.platforms())
        .setFemaleOfficersAvailable(request.femaleOfficersAvailable()).setCapacity(request.capacity())
        .setActive(request.active()).setSupervisorUnitId(request.supervisorUnitId())
        .setWebhookUrl(request.webhookUrl()).setSmsNumber(request.smsNumber()).setEmail(request.email())
        // Who changed it and when travel with the unit, so that a change is never anonymous.
        .setChangedBy(caller.getName()).setChangedAt(Instant.now()).build();
    publisher.publish(Topics.AGENCY_UNITS, unitId, unit);
    return HttpResponse.accepted().body(view(unit));
  }

  private static Unit withoutContacts(Unit unit) {
    return new Unit(unit.unitId(), unit.name(), unit.service(), unit.provinces(), unit.languages(), unit.platforms(),
        unit.femaleOfficersAvailable(), unit.capacity(), unit.active(), unit.supervisorUnitId(), null, null, null);
  }

  private static Unit view(AgencyUnit unit) {
    return new Unit(unit.getUnitId(), unit.getName(), unit.getService(), unit.getProvinces(), unit.getLanguages(), unit.getPlatforms(),
        unit.getFemaleOfficersAvailable(), unit.getCapacity(), unit.getActive(), unit.getSupervisorUnitId(),
        unit.getWebhookUrl(), unit.getSmsNumber(), unit.getEmail());
  }
}
