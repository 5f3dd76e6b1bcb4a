package org.komar.routing.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.komar.events.IncidentCategory;
import org.komar.events.Indicator;
import org.komar.events.IndicatorSnapshot;
import org.komar.events.Province;
import org.komar.routing.agency.AgencyRoles;
import org.komar.routing.runtime.CaseStores;

/**
 * The National Action Plan indicators of the last days, as routing published them to {@code nap-indicators}: a
 * figure resting on fewer than five cases comes without its value, so no child can be recognised from it, and
 * only windows that have ended are shown (a window watched while it counts would date each new report). Every
 * instance holds all of them, so any instance answers. For supervisors and auditors; no case is behind it.
 */
@Controller("/api/v1/indicators")
@Secured({AgencyRoles.SUPERVISOR, AgencyRoles.AUDITOR})
public class IndicatorsController {

  /** One figure: an indicator in a window, for a province (and, for intakes, a category). */
  @Serdeable
  public record Figure(Indicator indicator, Instant windowStart, Instant windowEnd, @Nullable Province province,
      @Nullable IncidentCategory category, @Nullable Long value, boolean suppressed) {

    static Figure of(IndicatorSnapshot snapshot) {
      return new Figure(snapshot.getIndicator(), snapshot.getWindowStart(), snapshot.getWindowEnd(),
          snapshot.getProvince(), snapshot.getCategory(), snapshot.getSuppressed() ? null : snapshot.getValue(),
          snapshot.getSuppressed());
    }
  }

  private final CaseStores stores;

  public IndicatorsController(CaseStores stores) {
    this.stores = stores;
  }

  /** The figures of the finished windows of the last {@code days} days (7 unless asked), newest window first. */
  @Get(produces = MediaType.APPLICATION_JSON)
  public List<Figure> indicators(@QueryValue(defaultValue = "7") @Min(1) @Max(31) int days) {
    Instant now = Instant.now();
    return stores.finishedIndicators(now.minus(Duration.ofDays(days)), now).stream().map(Figure::of)
        .sorted(Comparator.comparing(Figure::windowStart).reversed().thenComparing(Figure::indicator)
            .thenComparing(figure -> figure.province() == null ? "" : figure.province().name())
            .thenComparing(figure -> figure.category() == null ? "" : figure.category().name()))
        .toList();
  }
}
