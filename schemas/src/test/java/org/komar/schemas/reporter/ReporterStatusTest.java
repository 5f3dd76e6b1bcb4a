package org.komar.schemas.reporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.komar.events.CaseStatus;

class ReporterStatusTest {

  @Test
  void shouldOnlyEverMoveForward() {
    assertThat(ReporterStatus.RECEIVED.movesTo(ReporterStatus.IN_PROGRESS)).isTrue();
    assertThat(ReporterStatus.RECEIVED.movesTo(ReporterStatus.CLOSED)).isTrue();
    assertThat(ReporterStatus.IN_PROGRESS.movesTo(ReporterStatus.CLOSED)).isTrue();
    assertThat(ReporterStatus.IN_PROGRESS.movesTo(ReporterStatus.IN_PROGRESS)).isFalse();
    assertThat(ReporterStatus.CLOSED.movesTo(ReporterStatus.IN_PROGRESS)).isFalse();
    assertThat(ReporterStatus.ERASED.movesTo(ReporterStatus.CLOSED)).isFalse();
  }

  @Test
  void shouldNameTheStatusesAReportMovesFrom() {
    assertThat(ReporterStatus.IN_PROGRESS.earlier()).containsExactly(ReporterStatus.RECEIVED);
    assertThat(ReporterStatus.CLOSED.earlier()).containsExactly(ReporterStatus.RECEIVED, ReporterStatus.IN_PROGRESS);
  }

  @Test
  void shouldTellReportersOfHelpAndOfTheEndOnly() {
    assertThat(ReporterStatus.of(CaseStatus.IN_PROGRESS)).contains(ReporterStatus.IN_PROGRESS);
    assertThat(ReporterStatus.of(CaseStatus.CLOSED)).contains(ReporterStatus.CLOSED);
    assertThat(ReporterStatus.of(CaseStatus.OPEN)).isEqualTo(Optional.empty());
    assertThat(ReporterStatus.of(CaseStatus.ERASED)).isEqualTo(Optional.empty());
  }
}
