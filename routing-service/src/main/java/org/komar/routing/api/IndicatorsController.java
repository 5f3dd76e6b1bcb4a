package org.komar.routing.api;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.komar.events.IndicatorSnapshot;
import org.komar.http.agency.IndicatorFigure;
import org.komar.routing.runtime.CaseStores;
import org.komar.schemas.security.Roles;

/**
 * The National Action Plan indicators of the last days, as routing published them to {@code nap-indicators}: a
 * figure resting on fewer than five cases comes without its value, so no child can be recognised from it, and
 * only windows that have ended are shown (a window watched while it counts would date each new report). Every
 * instance holds all of them, so any instance answers. For supervisors and auditors; no case is behind it.
 */
@Controller("/api/v1/indicators")
@Secured({Roles.AGENCY_SUPERVISOR, Roles.HOTLINE_SUPERVISOR, Roles.AUDITOR})
public class IndicatorsController {

  private final CaseStores stores;

  public IndicatorsController(CaseStores stores) {
    this.stores = stores;
  }

  /** The figures of the finished windows of the last {@code days} days (7 unless asked), newest window first. */
  @Get(produces = MediaType.APPLICATION_JSON)
  public List<IndicatorFigure> indicators(@QueryValue(defaultValue = "7") @Min(1) @Max(31) int days) {
    Instant now = Instant.now();
    return stores.finishedIndicators(now.minus(Duration.ofDays(days)), now).stream()
        .map(IndicatorsController::figure)
        .sorted(Comparator.comparing(IndicatorFigure::windowStart).reversed()
            .thenComparing(IndicatorFigure::indicator)
            .thenComparing(figure -> figure.province() == null ? "" : figure.province().name())
            .thenComparing(figure -> figure.category() == null ? "" : figure.category().name()))
        .toList();
  }

  /** A published snapshot as the API shows it: a suppressed one without its value. */
  private static IndicatorFigure figure(IndicatorSnapshot snapshot) {
    return new IndicatorFigure(snapshot.getIndicator(), snapshot.getWindowStart(), snapshot.getWindowEnd(),
        snapshot.getProvince(), snapshot.getCategory(), snapshot.getSuppressed() ? null : snapshot.getValue(),
        snapshot.getSuppressed());
  }
}
