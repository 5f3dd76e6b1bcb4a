package org.komar.routing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.komar.events.IncidentCategory;
import org.komar.events.Indicator;
import org.komar.events.IndicatorSnapshot;
import org.komar.events.Province;
import org.komar.infra.test.TestStack;
import org.komar.routing.AgencyTokens;
import org.komar.routing.OnTestStack;
import org.komar.routing.e2e.StackEvents;
import org.komar.schemas.Topics;
import org.komar.schemas.security.Roles;

/**
 * Supervisors and auditors read the indicators as published, finished windows only: a figure of fewer than five
 * cases has no value. (How they are counted is {@code IndicatorsTest}'s.)
 */
@MicronautTest
class IndicatorsApiTest extends OnTestStack {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  AgencyTokens tokens;

  @Test
  void shouldShowTheFinishedWindowsOfTheLastDaysWithSmallCountsWithoutTheirValue() throws Exception {
    // Given Kratie's and Pailin's figures of yesterday, Kratie's of eight days ago, and today's, still counting
    Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
    Instant yesterday = today.minus(1, ChronoUnit.DAYS);
    Map<String, IndicatorSnapshot> snapshots = new LinkedHashMap<>();
    snapshot(snapshots, yesterday, Province.KRATIE, 5L);
    snapshot(snapshots, yesterday, Province.PAILIN, null);
    snapshot(snapshots, today.minus(8, ChronoUnit.DAYS), Province.KRATIE, 40L);
    snapshot(snapshots, today, Province.KRATIE, 6L);
    new StackEvents(TestStack.shared()).send(Topics.NAP_INDICATORS, snapshots);
    String auditor = tokens.of("auditor-1", Roles.AUDITOR, "national");

    // Then yesterday's show, Pailin's without its value; today's and last week's do not (503s while routing starts
    // are waited out)
    await().atMost(Duration.ofSeconds(60)).ignoreException(HttpClientResponseException.class).untilAsserted(() -> {
      List<Map<String, Object>> figures = indicatorsAs(auditor).stream()
          .filter(figure -> List.of("KRATIE", "PAILIN").contains(figure.get("province"))).toList();
      assertThat(figures).anySatisfy(figure -> assertThat(figure).containsEntry("indicator", "INTAKES")
          .containsEntry("province", "KRATIE").containsEntry("category", "GROOMING")
          .containsEntry("suppressed", false).containsEntry("value", 5));
      assertThat(figures).anySatisfy(figure -> assertThat(figure).containsEntry("province", "PAILIN")
          .containsEntry("suppressed", true).doesNotContainKey("value"));
      assertThat(figures).hasSize(2);
    });
    // And supervisors may read them, officers not; a month is the longest span asked
    assertThat(indicatorsAs(tokens.of("supervisor-1", Roles.AGENCY_SUPERVISOR, "police-national-ajp"))).isNotEmpty();
    assertThat(status(() -> indicatorsAs(tokens.of("officer-1", Roles.POLICE_OFFICER, "police-siem-reap-juvenile"))))
        .isEqualTo(403);
    assertThat(status(() -> client.toBlocking().retrieve(HttpRequest.GET("/api/v1/indicators?days=400")
        .header("Authorization", auditor)))).isEqualTo(400);
  }

  private static void snapshot(Map<String, IndicatorSnapshot> snapshots, Instant start, Province province,
      Long value) {
    String key = "INTAKES|" + province + "|GROOMING|" + start.toEpochMilli();
    snapshots.put(key, IndicatorSnapshot.newBuilder().setEventId(UUID.randomUUID().toString())
        .setIndicator(Indicator.INTAKES).setWindowStart(start).setWindowEnd(start.plus(1, ChronoUnit.DAYS))
        .setProvince(province).setCategory(IncidentCategory.GROOMING).setValue(value).setSuppressed(value == null)
        .build());
  }

  private List<Map<String, Object>> indicatorsAs(String token) {
    return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/indicators").header("Authorization", token),
        Argument.listOf(Argument.mapOf(String.class, Object.class)));
  }

  private static int status(Runnable call) {
    return ApiStatus.of(call);
  }
}
