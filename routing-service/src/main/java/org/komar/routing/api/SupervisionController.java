package org.komar.routing.api;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.komar.events.AgencyUnit;
import org.komar.events.Province;
import org.komar.events.Service;
import org.komar.events.TimelineEvent;
import org.komar.http.agency.InboxItem;
import org.komar.routing.agency.AgencyAccess;
import org.komar.routing.agency.SupervisorDesk;
import org.komar.schemas.security.Roles;

/**
 * What a supervisor must act on, for the units they supervise: open referrals that were escalated (a deadline
 * missed) or reassigned (declined, or taken from a late unit), from every instance ({@link SupervisorDesk}); and
 * the units with no woman officer available, whose cases asking for one go elsewhere. Off the event loop: it asks
 * the other instances over HTTP and waits for them.
 */
@Controller("/api/v1/supervision")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.AGENCY_SUPERVISOR)
public class SupervisionController {

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

    static Attention of(SupervisorDesk.Concern concern) {
      return new Attention(concern.reason(), CaseViews.inboxItem(concern.referral()));
    }
  }

  @Serdeable
  public record Supervision(List<Attention> referrals, List<UnitView> withoutFemaleOfficer) {

    /** Empty lists are left out of the JSON, so one read back from another instance may lack them. */
    public Supervision {
      referrals = referrals == null ? List.of() : referrals;
      withoutFemaleOfficer = withoutFemaleOfficer == null ? List.of() : withoutFemaleOfficer;
    }
  }

  private final AgencyAccess access;
  private final SupervisorDesk desk;
  private final Peers peers;

  SupervisionController(AgencyAccess access, SupervisorDesk desk, Peers peers) {
    this.access = access;
    this.desk = desk;
    this.peers = peers;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  public Supervision supervision(Authentication caller, HttpRequest<?> request) {
    List<AgencyUnit> supervised = access.supervisedUnits(caller);
    List<Attention> referrals = new ArrayList<>(desk.concerns(supervised).stream().map(Attention::of).toList());
    peers.fromOtherInstances(request, Argument.of(Supervision.class))
        .forEach(part -> referrals.addAll(part.referrals()));
    referrals.sort(Comparator.comparing((Attention attention) -> attention.referral().priority())
        .thenComparing(attention -> attention.referral().deadline()));
    return new Supervision(referrals, supervised.stream().filter(unit -> unit.getFemaleOfficersAvailable() == 0)
        .map(UnitView::of).toList());
  }
}
