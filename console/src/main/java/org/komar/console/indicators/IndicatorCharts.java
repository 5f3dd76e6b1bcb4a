package org.komar.console.indicators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.komar.events.Indicator;
import org.komar.http.agency.IndicatorFigure;

/**
 * The National Action Plan indicators of one window as bar charts, one per indicator, laid out here so the page
 * only draws them (a labelled list with an inline SVG bar each: no script, the labels in the page's own fonts and
 * free to wrap on a phone). A suppressed figure is drawn as a small hatched
 * mark saying "fewer than five", never as a number.
 */
record IndicatorCharts(List<String> windows, String window, String windowEnd, List<Chart> charts) {

  /** Width of the longest bar, in the bars' own units. */
  static final int BAR_SPACE = 300;

  /** One indicator's chart: its bars, longest first. */
  record Chart(String indicator, List<Bar> bars) {
  }

  /** One figure: where and what it counts, its value (null when suppressed), and its bar's width. */
  record Bar(String province, String category, Long value, boolean suppressed, int width) {
  }

  /** Charts of {@code wanted}'s window, or the newest window's when that is not one of them. */
  static IndicatorCharts of(List<IndicatorFigure> figures, String wanted) {
    // Windows by their ISO-8601 text, as routing writes them and the page links to them.
    List<String> windows = figures.stream().map(figure -> String.valueOf(figure.windowStart())).distinct()
        .sorted(Comparator.reverseOrder()).toList();
    String window = windows.contains(wanted) ? wanted : windows.isEmpty() ? null : windows.get(0);
    List<IndicatorFigure> shown = figures.stream()
        .filter(figure -> Objects.equals(window, String.valueOf(figure.windowStart()))).toList();
    String windowEnd = shown.isEmpty() ? null : String.valueOf(shown.get(0).windowEnd());
    List<Chart> charts = new ArrayList<>();
    for (Indicator indicator : Indicator.values()) {
      List<IndicatorFigure> ofIndicator = shown.stream()
          .filter(figure -> figure.indicator() == indicator)
          .sorted(Comparator.comparingLong(IndicatorCharts::valueOf).reversed()).toList();
      // A percentage is drawn against 100; a count or a time against the largest of its chart.
      long max = indicator == Indicator.FEMALE_OFFICER_REQUESTS_MET ? 100
          : ofIndicator.stream().mapToLong(IndicatorCharts::valueOf).max().orElse(0);
      List<Bar> bars = new ArrayList<>();
      for (IndicatorFigure figure : ofIndicator) {
        Long value = figure.value();
        boolean suppressed = figure.suppressed() || value == null;
        int width = suppressed || max <= 0 || value <= 0 ? 0
            : (int) Math.max(2, Math.round((double) BAR_SPACE * Math.min(value, max) / max));
        bars.add(new Bar(figure.province() == null ? null : figure.province().name(),
            figure.category() == null ? null : figure.category().name(), suppressed ? null : value, suppressed,
            width));
      }
      charts.add(new Chart(indicator.name(), bars));
    }
    return new IndicatorCharts(windows, window, windowEnd, charts);
  }

  /** A figure's value for ordering: suppressed ones last. */
  private static long valueOf(IndicatorFigure figure) {
    return figure.value() == null ? -1 : figure.value();
  }
}
