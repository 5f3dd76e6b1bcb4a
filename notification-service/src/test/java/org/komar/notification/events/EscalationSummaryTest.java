package org.komar.notification.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.komar.notification.store.EscalationDigests;

/** A digest counts by unit and reason, most first, and names at most eight units, so that its SMS stays short. */
class EscalationSummaryTest {

  private static EscalationDigests.Waiting waiting(long id, String unit, String step) {
    return new EscalationDigests.Waiting(id, unit, step, "case-" + id, "event-" + id, new byte[0]);
  }

  @Test
  void shouldCountByUnitAndReasonMostFirst() {
    List<EscalationDigests.Waiting> waiting = List.of(waiting(1, "police-takeo", "REASSIGNED"),
        waiting(2, "police-kampot", "REASSIGNED"), waiting(3, "police-kampot", "NO_UNIT_AVAILABLE"),
        waiting(4, "police-kampot", "NO_UNIT_AVAILABLE"));

    assertThat(EventHandler.summary(waiting))
        .isEqualTo("police-kampot 2 NO_UNIT_AVAILABLE, 1 REASSIGNED; police-takeo 1 REASSIGNED");
  }

  @Test
  void shouldNameEightUnitsAndCountTheRest() {
    List<EscalationDigests.Waiting> waiting = new ArrayList<>();
    for (int unit = 0; unit < 11; unit++) {
      waiting.add(waiting(unit, "unit-" + (char) ('a' + unit), "NO_UNIT_AVAILABLE"));
    }

    String summary = EventHandler.summary(waiting);

    assertThat(summary).startsWith("unit-a 1 NO_UNIT_AVAILABLE; unit-b").endsWith("unit-h 1 NO_UNIT_AVAILABLE; +3");
  }
}
