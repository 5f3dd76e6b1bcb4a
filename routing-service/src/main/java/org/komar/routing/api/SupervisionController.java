package org.komar.routing.api;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.komar.events.AgencyUnit;
import org.komar.events.Province;
import org.komar.events.TimelineEvent;
import org.komar.events.Service;
import org.komar.http.agency.InboxItem;
import org.komar.routing.runtime.CaseStores;

/**
 * What a supervisor must act on, for the units they supervise: open referrals that were escalated (a deadline
 * missed) or reassigned (declined, or taken from a late unit), from every instance; and the units with no woman
 * officer available, whose cases asking for one go elsewhere.
 */
@Controller("/api/v1/supervision")
@Secured(AgencyRoles.SUPERVISOR)
public class SupervisionController {

  /** What happened to a referral that a supervisor must know of, in its case's timeline. */
  private static final Set<TimelineEvent> NEEDS_A_SUPERVISOR = Set.of(TimelineEvent.REFERRAL_ESCALATED,
      TimelineEvent.REFERRAL_REASSIGNED);

  /** A supervised unit, as the supervisor needs to know it. */
  @Serdeable
  public record UnitView(String unitId, String name, Service service, List<Province> provinces) {

    static UnitView of(AgencyUnit unit) {
      return new UnitView(unit.getUnitId(), unit.getName(), unit.getService(), unit.getProvinces());
    }
  }

  /** An open referral of a supervised unit, and the last thing that makes it a supervisor's business. */
  @Serdeable
  public record Attention(TimelineEvent reason, InboxItem referral) {
  }

  @Serdeable
  public record Supervision(List<Attention> referrals, List<UnitView> withoutFemaleOfficer) {

    /** Empty lists are left out of the JSON, so one read back from another instance may lack them. */
    public Supervision {
      referrals = referrals == null ? List.of() : referrals;
      withoutFemaleOfficer = withoutFemaleOfficer == null ? List.of() : withoutFemaleOfficer;
    }
  }

  private final CaseStores stores;
  private final Peers peers;

  SupervisionController(CaseStores stores, Peers peers) {
    this.stores = stores;
    this.peers = peers;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  public Supervision supervision(Authentication caller, HttpRequest<?> request) {
    String supervisor = AgencyRoles.unitOf(caller)
        .orElseThrow(() -> new HttpStatusException(HttpStatus.FORBIDDEN, "Your token names no agency unit"));
    List<AgencyUnit> supervised = stores.directory().stream()
        .filter(unit -> supervisor.equals(unit.getSupervisorUnitId()) && unit.getActive()).toList();
    List<Attention> referrals = new ArrayList<>();
    for (AgencyUnit unit : supervised) {
      for (var entry : stores.localInbox(unit.getUnitId())) {
        entry.state().getTimeline().stream()
            .filter(step -> step.getReferralId().equals(entry.referralId())
                && NEEDS_A_SUPERVISOR.contains(step.getEvent()))
            .reduce((first, second) -> second)
            .ifPresent(step -> referrals.add(new Attention(step.getEvent(),
                CaseViews.inboxItem(entry.referralId(), entry.state(), entry.intake()))));
      }
    }
    peers.fromOtherInstances(stores, request, Argument.of(Supervision.class))
        .forEach(part -> referrals.addAll(part.referrals()));
    referrals.sort(Comparator.comparing((Attention attention) -> attention.referral().priority())
        .thenComparing(attention -> attention.referral().deadline()));
    return new Supervision(referrals, supervised.stream().filter(unit -> unit.getFemaleOfficersAvailable() == 0)
        .map(UnitView::of).toList());
  }
}
