package org.komar.routing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.komar.events.Province;
import org.komar.infra.test.TestStack;
import org.komar.routing.AgencyTokens;
import org.komar.routing.Intakes;
import org.komar.routing.OnTestStack;
import org.komar.routing.e2e.StackEvents;
import org.komar.schemas.Topics;
import org.komar.schemas.security.Roles;

/** A directory administrator adds a unit, and the very next case of its province is referred to it. */
@MicronautTest
class DirectoryApiTest extends OnTestStack {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  AgencyTokens tokens;

  private final String unitId = "police-kep-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void shouldRouteTheNextCaseToAUnitTheAdministratorAdded() throws Exception {
    // Room beyond any other Kep unit, even those the tests seed with their capacity times 1000
    String admin = tokens.of("admin-1", Roles.DIRECTORY_ADMIN, "national-directory");
    String unit = """
        {"name": "Kep Provincial Police, Juvenile Protection Office", "service": "POLICE",
         "provinces": ["KEP"], "languages": ["KHMER"], "femaleOfficersAvailable": 2, "capacity": 90000,
         "active": true, "supervisorUnitId": "police-national-ajp", "email": "juvenile-kep@police.example.org"}""";

    assertThat(status(() -> put(unit, tokens.of("officer-1", Roles.POLICE_OFFICER, "police-siem-reap-juvenile"))))
        .isEqualTo(403);
    assertThat(status(() -> put(unit.replace("90000", "-1"), admin))).isEqualTo(400);
    assertThat(status(() -> put(unit, admin))).isEqualTo(202);

    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> client.toBlocking().retrieve(
        HttpRequest.GET("/api/v1/units").header("Authorization", admin),
        Argument.listOf(Argument.mapOf(String.class, Object.class))).stream()
        .anyMatch(listed -> unitId.equals(listed.get("unitId"))));
    String caseId = "kep-" + UUID.randomUUID();
    new StackEvents(TestStack.shared()).send(Topics.CASE_INTAKES, Map.of(caseId, Intakes.girlInSiemReap()
        .setCaseId(caseId).setEventId(caseId + "/intake").setProvince(Province.KEP)
        .setConsents(Intakes.allConsents()).build()));

    String officer = tokens.of("officer-2", Roles.POLICE_OFFICER, unitId);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
        client.toBlocking().retrieve(HttpRequest.GET("/api/v1/inbox").header("Authorization", officer),
            Argument.listOf(Argument.mapOf(String.class, Object.class))))
        .extracting(item -> item.get("caseId")).containsExactly(caseId));
  }

  private void put(String body, String token) {
    client.toBlocking().exchange(HttpRequest.PUT("/api/v1/units/" + unitId, body)
        .contentType(MediaType.APPLICATION_JSON).header("Authorization", token));
  }

  private static int status(Runnable call) {
    return ApiStatus.of(call, 202);
  }

}
