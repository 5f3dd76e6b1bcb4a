package org.komar.routing.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.komar.events.CompletionOutcome;
import org.komar.events.DeclineReason;
import org.komar.http.agency.InboxItem;
import org.komar.routing.agency.AgencyAccess;
import org.komar.routing.agency.ReferralDesk;
import org.komar.routing.agency.UpdateStamp;
import org.komar.schemas.sealing.OpeningPurpose;
import org.komar.schemas.security.Roles;

/**
 * The agencies' API: a unit's inbox of open referrals; the case of a referral it holds, with what every agency
 * did; and accept, decline, record progress, complete and open a sealed field. Each answer comes from the
 * instance that keeps the case (requests are handed to it, {@link Peers}); who may see and do what is
 * {@link AgencyAccess} and {@link ReferralDesk}. Actions are answered 202 once Kafka has them. Runs on the
 * blocking executor, not the event loop: handing a request on and the vault's calls wait for an answer.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.POLICE_OFFICER, Roles.COUNSELLOR, Roles.SOCIAL_WORKER, Roles.TAKEDOWN_OFFICER, Roles.AGENCY_SUPERVISOR})
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

  private final Peers peers;
  private final AgencyAccess access;
  private final ReferralDesk desk;

  public AgencyController(Peers peers, AgencyAccess access, ReferralDesk desk) {
    this.peers = peers;
    this.access = access;
    this.desk = desk;
  }

  /** The open referrals of the caller's unit, most urgent first, gathered from every instance. */
  @Get(value = "/inbox", produces = MediaType.APPLICATION_JSON)
  public List<InboxItem> inbox(Authentication caller, HttpRequest<?> request) {
    List<InboxItem> items = new ArrayList<>(access.inbox(caller).stream().map(CaseViews::inboxItem).toList());
    peers.fromOtherInstances(request, Argument.listOf(InboxItem.class)).forEach(items::addAll);
    items.sort(Comparator.comparingInt(InboxItem::priority).thenComparing(InboxItem::deadline));
    return items;
  }

  /** The case, for units that hold one of its referrals and their supervisors; 403 for everyone else. */
  @Get(value = "/cases/{caseId}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> caseOf(@Pattern(regexp = CASE_ID) String caseId, Authentication caller,
      HttpRequest<?> request) {
    return peers.fromKeeperOf(caseId, request, null)
        .orElseGet(() -> HttpResponse.ok(CaseViews.caseView(access.caseFor(caseId, caller))));
  }

  @Post(value = "/cases/{caseId}/referrals/{referralId}/acceptance", consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> accept(@Pattern(regexp = CASE_ID) String caseId, @Pattern(regexp = CASE_ID) String referralId,
      @Valid @Body Acceptance request, Authentication caller, HttpRequest<?> http) {
    return peers.fromKeeperOf(caseId, http, request).orElseGet(() ->
        recorded(desk.accept(caseId, referralId, request.femaleOfficerAssigned(), caller)));
  }

  @Post(value = "/cases/{caseId}/referrals/{referralId}/decline", consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> decline(@Pattern(regexp = CASE_ID) String caseId, @Pattern(regexp = CASE_ID) String referralId,
      @Valid @Body Decline request, Authentication caller, HttpRequest<?> http) {
    return peers.fromKeeperOf(caseId, http, request).orElseGet(() ->
        recorded(desk.decline(caseId, referralId, request.reason(), request.note(), caller)));
  }

  @Post(value = "/cases/{caseId}/referrals/{referralId}/progress", consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> progress(@Pattern(regexp = CASE_ID) String caseId,
      @Pattern(regexp = CASE_ID) String referralId, @Valid @Body Progress request, Authentication caller,
      HttpRequest<?> http) {
    return peers.fromKeeperOf(caseId, http, request).orElseGet(() ->
        recorded(desk.recordProgress(caseId, referralId, request.note(), caller)));
  }

  @Post(value = "/cases/{caseId}/referrals/{referralId}/completion", consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> complete(@Pattern(regexp = CASE_ID) String caseId,
      @Pattern(regexp = CASE_ID) String referralId, @Valid @Body Completion request, Authentication caller,
      HttpRequest<?> http) {
    return peers.fromKeeperOf(caseId, http, request).orElseGet(() ->
        recorded(desk.complete(caseId, referralId, request.outcome(), caller)));
  }

  /** Opens a sealed field of the case for a person whose unit has accepted the referral; audited by the vault. */
  @Post(value = "/cases/{caseId}/referrals/{referralId}/openings", consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> open(@Pattern(regexp = CASE_ID) String caseId, @Pattern(regexp = CASE_ID) String referralId,
      @Valid @Body OpeningRequest request, Authentication caller, HttpRequest<?> http) {
    // The vault decides by the person's own token, which goes with the request: routing cannot open for anyone.
    String person = http.getHeaders().getAuthorization().orElse("");
    return peers.fromKeeperOf(caseId, http, request).orElseGet(() -> HttpResponse.ok(new Opened(request.field(),
        desk.open(caseId, referralId, request.field(), request.purpose(), caller, person))));
  }

  private static HttpResponse<?> recorded(UpdateStamp update) {
    return HttpResponse.accepted().body(CaseViews.recorded(update));
  }
}
