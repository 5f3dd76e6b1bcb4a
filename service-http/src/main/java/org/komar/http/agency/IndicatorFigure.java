package org.komar.http.agency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import org.komar.events.IncidentCategory;
import org.komar.events.Indicator;
import org.komar.events.Province;

/**
 * One figure of the agency API's {@code GET /api/v1/indicators}: a National Action Plan indicator in a window, for
 * a province (and, for intakes, a category). A suppressed figure (fewer than five facts) has no value.
 */
@Serdeable
public record IndicatorFigure(Indicator indicator, Instant windowStart, Instant windowEnd,
    @Nullable Province province, @Nullable IncidentCategory category, @Nullable Long value, boolean suppressed) {
}
