package org.komar.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.komar.schemas.CloudEvents;
import org.junit.jupiter.api.Test;
import org.komar.events.IncidentCategory;
import org.komar.events.Indicator;
import org.komar.events.IndicatorSnapshot;
import org.komar.events.Province;
import org.komar.routing.Intakes;

/** The National Action Plan indicators, with every figure that rests on fewer than five cases suppressed. */
class IndicatorsTest {

  private final RouterDriver router = new RouterDriver();

  @AfterEach
  void close() {
    router.close();
  }

  @Test
  void shouldCountIntakesByProvinceAndCategoryAndSuppressCountsBelowFive() {
    // Given five sextortion reports from Siem Reap and one grooming report from Kep in the same window
    IntStream.rangeClosed(1, 5).forEach(i -> router.intakes.pipeInput("case-" + i, Intakes.girlInSiemReap()
        .setCaseId("case-" + i).setEventId("e-" + i).build()));
    router.intakes.pipeInput("case-kep", Intakes.girlInSiemReap().setCaseId("case-kep").setEventId("e-kep")
        .setProvince(Province.KEP).setIncidentCategories(List.of(IncidentCategory.GROOMING)).build());

    List<IndicatorSnapshot> snapshots = router.indicators.readValuesToList().stream()
        .filter(snapshot -> snapshot.getIndicator() == Indicator.INTAKES).toList();

    // Then the fifth Siem Reap report makes the count visible, and Kep's single case stays hidden
    IndicatorSnapshot siemReap = snapshots.stream().filter(s -> s.getProvince() == Province.SIEM_REAP)
        .reduce((first, last) -> last).orElseThrow();
    assertThat(siemReap.getCategory()).isEqualTo(IncidentCategory.SEXTORTION);
    assertThat(siemReap.getSuppressed()).isFalse();
    assertThat(siemReap.getValue()).isEqualTo(5L);
    assertThat(snapshots.stream().filter(s -> s.getProvince() == Province.SIEM_REAP).limit(4))
        .allSatisfy(early -> {
          assertThat(early.getSuppressed()).isTrue();
          assertThat(early.getValue()).isNull();
        });
    IndicatorSnapshot kep = snapshots.stream().filter(s -> s.getProvince() == Province.KEP).findFirst().orElseThrow();
    assertThat(kep.getSuppressed()).isTrue();
    assertThat(kep.getValue()).isNull();
    assertThat(siemReap.getWindowEnd()).isAfter(siemReap.getWindowStart());
  }

  @Test
  void shouldWriteEachSnapshotAsAnEventOfItsOwnNotAsTheIntakeItCounts() {
    // Given an intake that arrives with its own CloudEvents headers
    RecordHeaders intakeHeaders = new RecordHeaders();
    intakeHeaders.add(CloudEvents.ID, "e-1".getBytes(StandardCharsets.UTF_8));
    intakeHeaders.add(CloudEvents.TYPE, "org.komar.events.IntakeReceived".getBytes(StandardCharsets.UTF_8));
    router.intakes.pipeInput(new TestRecord<>("case-1", Intakes.girlInSiemReap().setCaseId("case-1")
        .setEventId("e-1").build(), intakeHeaders));

    // When the indicator snapshots it changed are read with their headers
    List<TestRecord<String, IndicatorSnapshot>> snapshots = router.indicators.readRecordsToList();

    // Then each is named as the snapshot it is, by routing-service
    assertThat(snapshots).isNotEmpty().allSatisfy(snapshot -> {
      assertThat(CloudEvents.header(snapshot.headers(), CloudEvents.ID)).isEqualTo(snapshot.value().getEventId());
      assertThat(CloudEvents.header(snapshot.headers(), CloudEvents.TYPE))
          .isEqualTo("org.komar.events.IndicatorSnapshot");
      assertThat(CloudEvents.header(snapshot.headers(), CloudEvents.SOURCE)).isEqualTo("/komar/routing-service");
      assertThat(snapshot.headers().headers(CloudEvents.ID)).hasSize(1);
    });
  }
}
