package org.komar.console.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.komar.events.Indicator;
import org.komar.events.Province;
import org.komar.http.agency.IndicatorFigure;

/** The indicator charts: the newest window unless another is asked, longest bar first, suppressed ones last. */
class IndicatorChartsTest {

  private static final String MONDAY = "2026-11-23T00:00:00Z";
  private static final String TUESDAY = "2026-11-24T00:00:00Z";

  @Test
  void shouldChartTheNewestWindowWithBarsToScaleAndSuppressedFiguresLastWithoutAValue() {
    List<IndicatorFigure> figures = List.of(
        figure(MONDAY, "INTAKES", "KEP", 40L),
        figure(TUESDAY, "INTAKES", "KEP", 5L),
        figure(TUESDAY, "INTAKES", "PAILIN", null),
        figure(TUESDAY, "INTAKES", "KANDAL", 20L),
        figure(TUESDAY, "TAKEDOWNS_COMPLETED", "KANDAL", 7L));

    IndicatorCharts charts = IndicatorCharts.of(figures, null);

    assertThat(charts.windows()).containsExactly(TUESDAY, MONDAY);
    assertThat(charts.window()).isEqualTo(TUESDAY);
    assertThat(charts.charts()).extracting(IndicatorCharts.Chart::indicator).containsExactly("INTAKES",
        "TIME_TO_FIRST_ACCEPTANCE", "REFERRALS_ESCALATED", "FEMALE_OFFICER_REQUESTS_MET", "TAKEDOWNS_COMPLETED");
    List<IndicatorCharts.Bar> intakes = charts.charts().get(0).bars();
    assertThat(intakes).extracting(IndicatorCharts.Bar::province).containsExactly("KANDAL", "KEP", "PAILIN");
    assertThat(intakes).extracting(IndicatorCharts.Bar::width)
        .containsExactly(IndicatorCharts.BAR_SPACE, IndicatorCharts.BAR_SPACE / 4, 0);
    assertThat(intakes.get(2).suppressed()).isTrue();
    assertThat(intakes.get(2).value()).isNull();
    assertThat(charts.charts().get(1).bars()).isEmpty();
  }

  @Test
  void shouldChartAnOlderWindowWhenAskedAndTheNewestWhenTheAskedOneIsUnknown() {
    List<IndicatorFigure> figures = List.of(figure(MONDAY, "INTAKES", "KEP", 40L),
        figure(TUESDAY, "INTAKES", "KEP", 5L));

    assertThat(IndicatorCharts.of(figures, MONDAY).charts().get(0).bars()).singleElement()
        .satisfies(bar -> assertThat(bar.value()).isEqualTo(40L));
    assertThat(IndicatorCharts.of(figures, "not-a-window").window()).isEqualTo(TUESDAY);
    assertThat(IndicatorCharts.of(List.of(), null).window()).isNull();
  }

  @Test
  void shouldDrawAPercentageAgainstAHundredAndAZeroAsNoBar() {
    List<IndicatorFigure> figures = List.of(figure(MONDAY, "FEMALE_OFFICER_REQUESTS_MET", "KEP", 50L),
        figure(MONDAY, "FEMALE_OFFICER_REQUESTS_MET", "KANDAL", 0L));

    assertThat(IndicatorCharts.of(figures, null).charts().get(3).bars()).extracting(IndicatorCharts.Bar::width)
        .containsExactly(IndicatorCharts.BAR_SPACE / 2, 0);
  }

  private static IndicatorFigure figure(String window, String indicator, String province, Long value) {
    return new IndicatorFigure(Indicator.valueOf(indicator), Instant.parse(window),
        Instant.parse(window.replace("T00", "T23")), Province.valueOf(province), null, value, value == null);
  }
}
