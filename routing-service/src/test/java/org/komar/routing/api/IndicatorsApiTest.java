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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.komar.events.IntakeReceived;
import org.komar.events.Province;
import org.komar.infra.test.TestStack;
import org.komar.routing.AgencyTokens;
import org.komar.routing.Intakes;
import org.komar.routing.OnTestStack;
import org.komar.routing.e2e.StackEvents;
import org.komar.schemas.Topics;

/** Supervisors and auditors read the indicators as published: a figure of fewer than five cases has no value. */
@MicronautTest
class IndicatorsApiTest extends OnTestStack {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  AgencyTokens tokens;

  @Test
  void shouldShowTheFiguresOfTheLastDaysWithSmallCountsSuppressed() throws Exception {
    // Given five reports from Kratie and one from Pailin, in the same window
    Map<String, IntakeReceived> intakes = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      String caseId = "indicators-" + UUID.randomUUID();
      intakes.put(caseId, Intakes.girlInSiemReap().setCaseId(caseId).setEventId(caseId + "/intake")
          .setProvince(i < 5 ? Province.KRATIE : Province.PAILIN).build());
    }
    new StackEvents(TestStack.shared()).send(Topics.CASE_INTAKES, intakes);
    String auditor = tokens.of("auditor-1", "AUDITOR", "national");

    // Then Kratie's count shows, Pailin's is there without its value (503s while routing starts are waited out)
    await().atMost(Duration.ofSeconds(60)).ignoreException(HttpClientResponseException.class).untilAsserted(() -> {
      List<Map<String, Object>> figures = indicatorsAs(auditor);
      assertThat(figures).anySatisfy(figure -> assertThat(figure).containsEntry("indicator", "INTAKES")
          .containsEntry("province", "KRATIE").containsEntry("category", "SEXTORTION")
          .containsEntry("suppressed", false).containsEntry("value", 5));
      assertThat(figures).anySatisfy(figure -> assertThat(figure).containsEntry("indicator", "INTAKES")
          .containsEntry("province", "PAILIN").containsEntry("suppressed", true).doesNotContainKey("value"));
    });
    // And supervisors may read them, officers not
    assertThat(indicatorsAs(tokens.of("supervisor-1", "SUPERVISOR", "police-national-ajp"))).isNotEmpty();
    assertThat(status(() -> indicatorsAs(tokens.of("officer-1", "POLICE_OFFICER", "police-siem-reap-juvenile"))))
        .isEqualTo(403);
    assertThat(status(() -> client.toBlocking().retrieve(HttpRequest.GET("/api/v1/indicators?days=400")
        .header("Authorization", auditor)))).isEqualTo(400);
  }

  private List<Map<String, Object>> indicatorsAs(String token) {
    return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/indicators").header("Authorization", token),
        Argument.listOf(Argument.mapOf(String.class, Object.class)));
  }

  private static int status(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (HttpClientResponseException e) {
      return e.getStatus().getCode();
    }
  }
}
