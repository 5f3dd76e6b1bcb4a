package org.komar.routing.api;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.komar.events.Audience;
import org.komar.events.CaseState;
import org.komar.events.CompletionOutcome;
import org.komar.events.DeclineReason;
import org.komar.events.ReferralAccepted;
import org.komar.events.ReferralCompleted;
import org.komar.events.ReferralDeclined;
import org.komar.events.ReferralProgressed;
import org.komar.events.ReferralState;
import org.komar.events.ReferralSummary;
import org.komar.events.SealedValue;
import org.komar.events.ReferralUpdate;
import org.komar.routing.runtime.CaseStores;
import org.komar.routing.runtime.EventPublisher;
import org.komar.routing.streams.ReferralAction;
import org.komar.http.agency.InboxItem;
import org.komar.http.agency.Recorded;
import org.komar.http.vault.AccessRefusedException;
import org.komar.http.vault.CaseErasedException;
import org.komar.http.vault.VaultClient;
import org.komar.schemas.Topics;
import org.komar.schemas.sealing.AgencyOpenings;
import org.komar.schemas.sealing.OpeningPurpose;

/**
 * The agencies' API: a unit's inbox of open referrals; the case of a referral it holds, with what every agency
 * did; and accept, decline, record progress and complete. Each answer comes from the instance that keeps the
 * case (requests are handed to it); actions are published to {@code referral-updates} and answered 202 once
 * Kafka has them. Free-text notes are sealed by the vault before they go anywhere, and a sealed field of the case
 * opens only through the vault, audited, for a unit that has accepted its referral.
 */
@Controller("/api/v1")
@Secured({AgencyRoles.POLICE_OFFICER, AgencyRoles.COUNSELLOR, AgencyRoles.SOCIAL_WORKER,
    AgencyRoles.TAKEDOWN_OFFICER, AgencyRoles.SUPERVISOR})
public class AgencyController {

  private static final String CASE_ID = "[0-9A-Za-z-]{1,64}";

  @Serdeable
  public record Acceptance(boolean femaleOfficerAssigned) {
  }

  @Serdeable
  public record Decline(@NotNull DeclineReason reason, @Nullable @Size(max = 4000) String note) {
  }

  @Serdeable
  public record Progress(@NotBlank @Size(max = 4000) String note) {
  }

  @Serdeable
  public record Completion(@NotNull CompletionOutcome outcome) {
  }

  @Serdeable
  public record OpeningRequest(@NotBlank @Size(max = 64) String field, @NotNull OpeningPurpose purpose) {
  }

  @Serdeable
  public record Opened(String field, String value) {
  }

  private final CaseStores stores;
  private final Peers peers;
  private final EventPublisher publisher;
  private final VaultClient vault;
  private final JsonMapper json;

  public AgencyController(CaseStores stores, Peers peers, EventPublisher publisher, VaultClient vault,
      JsonMapper json) {
    this.stores = stores;
    this.peers = peers;
    this.publisher = publisher;
    this.vault = vault;
    this.json = json;
  }

  /** The open referrals of the caller's unit, most urgent first, gathered from every instance. */
  @Get(value = "/inbox", produces = MediaType.APPLICATION_JSON)
  public List<InboxItem> inbox(Authentication caller, HttpRequest<?> request) {
    String unitId = unitOf(caller);
    boolean ofItsService = stores.unit(unitId).map(unit -> caller.getRoles().contains(AgencyRoles.SUPERVISOR)
        || AgencyRoles.doesWorkOf(caller.getRoles(), unit.getService())).orElse(false);
    if (!ofItsService) {
      throw new HttpStatusException(HttpStatus.FORBIDDEN, "Your role does not do this unit's work");
    }
    List<InboxItem> items = new ArrayList<>(stores.localInbox(unitId).stream()
        .map(entry -> CaseViews.inboxItem(entry.referralId(), entry.state(), entry.intake())).toList());
    peers.fromOtherInstances(stores, request, Argument.listOf(InboxItem.class)).forEach(items::addAll);
    items.sort(Comparator.comparingInt(InboxItem::priority).thenComparing(InboxItem::deadline));
    return items;
  }

  /** The case, for units that hold one of its referrals and their supervisors; 403 for everyone else. */
  @Get(value = "/cases/{caseId}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> caseOf(@Pattern(regexp = CASE_ID) String caseId, Authentication caller,
      HttpRequest<?> request) {
    CaseStores.Owner owner = stores.ownerOf(caseId);
    if (!owner.local()) {
      return peers.forward(owner.host(), request, Optional.empty());
    }
    CaseState state = find(caseId);
    String unitId = unitOf(caller);
    boolean holds = state.getReferrals().stream().anyMatch(referral -> referral.getUnitId().equals(unitId));
    boolean supervises = caller.getRoles().contains(AgencyRoles.SUPERVISOR) && state.getReferrals().stream()
        .anyMatch(referral -> stores.unit(referral.getUnitId())
            .map(unit -> unitId.equals(unit.getSupervisorUnitId())).orElse(false));
    if (!holds && !supervises) {
      throw new HttpStatusException(HttpStatus.FORBIDDEN, "Your unit holds no referral of this case");
    }
    return HttpResponse.ok(CaseViews.caseView(state));
  }

  @Post(value = "/cases/{caseId}/referrals/{referralId}/acceptance", consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> accept(@Pattern(regexp = CASE_ID) String caseId, @Pattern(regexp = CASE_ID) String referralId,
      @Valid @Body Acceptance request, Authentication caller, HttpRequest<?> http) {
    return act(caseId, referralId, ReferralAction.ACCEPT, request, caller, http, referral ->
        ReferralAccepted.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
            .setOccurredAt(Instant.now()).setReferralId(referralId).setUnitId(referral.getUnitId())
            .setActorId(caller.getName()).setFemaleOfficerAssigned(request.femaleOfficerAssigned()).build());
  }

  @Post(value = "/cases/{caseId}/referrals/{referralId}/decline", consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> decline(@Pattern(regexp = CASE_ID) String caseId, @Pattern(regexp = CASE_ID) String referralId,
      @Valid @Body Decline request, Authentication caller, HttpRequest<?> http) {
    return act(caseId, referralId, ReferralAction.DECLINE, request, caller, http, referral ->
        ReferralDeclined.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
            .setOccurredAt(Instant.now()).setReferralId(referralId).setUnitId(referral.getUnitId())
            .setActorId(caller.getName()).setReason(request.reason())
            .setNote(request.note() == null || request.note().isBlank() ? null
                : vault.sealNote(caseId, "ReferralDeclined", request.note())).build());
  }

  @Post(value = "/cases/{caseId}/referrals/{referralId}/progress", consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> progress(@Pattern(regexp = CASE_ID) String caseId,
      @Pattern(regexp = CASE_ID) String referralId, @Valid @Body Progress request, Authentication caller,
      HttpRequest<?> http) {
    return act(caseId, referralId, ReferralAction.PROGRESS, request, caller, http, referral ->
        ReferralProgressed.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
            .setOccurredAt(Instant.now()).setReferralId(referralId).setUnitId(referral.getUnitId())
            .setActorId(caller.getName()).setNote(vault.sealNote(caseId, "ReferralProgressed", request.note()))
            .build());
  }

  @Post(value = "/cases/{caseId}/referrals/{referralId}/completion", consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> complete(@Pattern(regexp = CASE_ID) String caseId,
      @Pattern(regexp = CASE_ID) String referralId, @Valid @Body Completion request, Authentication caller,
      HttpRequest<?> http) {
    return act(caseId, referralId, ReferralAction.COMPLETE, request, caller, http, referral ->
        ReferralCompleted.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
            .setOccurredAt(Instant.now()).setReferralId(referralId).setUnitId(referral.getUnitId())
            .setActorId(caller.getName()).setOutcome(request.outcome()).build());
  }

  /**
   * Opens a sealed field of the case for a person whose unit holds an accepted referral of it, as the audience of
   * that unit's service, for a stated purpose; the vault audits it under the person's id before answering. Only
   * after acceptance: a unit that has not taken the case on does not see who the child is.
   */
  @Post(value = "/cases/{caseId}/referrals/{referralId}/openings", consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> open(@Pattern(regexp = CASE_ID) String caseId, @Pattern(regexp = CASE_ID) String referralId,
      @Valid @Body OpeningRequest request, Authentication caller, HttpRequest<?> http) {
    CaseStores.Owner owner = stores.ownerOf(caseId);
    if (!owner.local()) {
      return peers.forward(owner.host(), http, Optional.of(write(request)));
    }
    if (!AgencyOpenings.FIELDS.contains(request.field()) || !AgencyOpenings.PURPOSES.contains(request.purpose())) {
      throw new HttpStatusException(HttpStatus.BAD_REQUEST, "Agencies open " + AgencyOpenings.FIELDS + " for "
          + AgencyOpenings.PURPOSES + " only");
    }
    ReferralSummary referral = held(caseId, referralId, caller);
    if (referral.getState() != ReferralState.ACCEPTED && referral.getState() != ReferralState.IN_PROGRESS) {
      throw new HttpStatusException(HttpStatus.CONFLICT,
          "The referral is " + referral.getState() + "; identity opens only while the unit has it in hand");
    }
    Audience audience = AgencyOpenings.audienceOf(referral.getService());
    SealedValue sealed = stores.localIntake(caseId).map(intake -> (SealedValue) intake.get(request.field()))
        .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, request.field() + " was not recorded"));
    if (!sealed.getAudiences().contains(audience)) {
      throw new HttpStatusException(HttpStatus.FORBIDDEN, request.field() + " is not sealed for " + audience);
    }
    try {
      return HttpResponse.ok(new Opened(request.field(), vault.openForAgency(caseId, request.field(), sealed,
          audience, caller.getName(), request.purpose())));
    } catch (CaseErasedException erased) {
      throw new HttpStatusException(HttpStatus.GONE, "This case was erased");
    } catch (AccessRefusedException refused) {
      throw new HttpStatusException(HttpStatus.FORBIDDEN, request.field() + " is not sealed for " + audience);
    }
  }

  /**
   * An action on a referral: only the unit that holds it, by a role that does that service's work, and only in a
   * state that allows it. The router checks the same again when the event arrives.
   */
  private HttpResponse<?> act(String caseId, String referralId, ReferralAction action, Object body,
      Authentication caller, HttpRequest<?> http, Function<ReferralSummary, Object> event) {
    CaseStores.Owner owner = stores.ownerOf(caseId);
    if (!owner.local()) {
      return peers.forward(owner.host(), http, Optional.of(write(body)));
    }
    ReferralSummary referral = held(caseId, referralId, caller);
    if (!action.allowedIn(referral.getState())) {
      throw new HttpStatusException(HttpStatus.CONFLICT,
          "The referral is " + referral.getState() + " and cannot be " + action.pastTense() + " now");
    }
    Object update;
    try {
      update = event.apply(referral);
    } catch (CaseErasedException erased) {
      throw new HttpStatusException(HttpStatus.GONE, "This case was erased");
    }
    publisher.publish(Topics.REFERRAL_UPDATES, caseId, ReferralUpdate.newBuilder().setUpdate(update).build());
    org.apache.avro.specific.SpecificRecord record = (org.apache.avro.specific.SpecificRecord) update;
    String eventId = record.get(record.getSchema().getField("eventId").pos()).toString();
    return HttpResponse.accepted().body(new Recorded(eventId, referralId, action.pastTense()));
  }

  /** A referral of a case kept here that the caller's unit holds, by a role that does its service's work. */
  private ReferralSummary held(String caseId, String referralId, Authentication caller) {
    ReferralSummary referral = find(caseId).getReferrals().stream()
        .filter(summary -> summary.getReferralId().equals(referralId)).findFirst()
        .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No such referral in this case"));
    if (!referral.getUnitId().equals(unitOf(caller))
        || !AgencyRoles.doesWorkOf(caller.getRoles(), referral.getService())) {
      throw new HttpStatusException(HttpStatus.FORBIDDEN, "This referral is not your unit's to act on");
    }
    return referral;
  }

  private CaseState find(String caseId) {
    return stores.localCase(caseId)
        .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No case with that id"));
  }

  private static String unitOf(Authentication caller) {
    return AgencyRoles.unitOf(caller)
        .orElseThrow(() -> new HttpStatusException(HttpStatus.FORBIDDEN, "Your token names no agency unit"));
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
