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

  @Inject
  org.komar.routing.runtime.CaseStores stores;

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
    // The change names who made it
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(stores.unit(unitId))
        .hasValueSatisfying(added -> {
          assertThat(added.getChangedBy()).isEqualTo("admin-1");
          assertThat(added.getChangedAt()).isNotNull();
        }));

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

  // The units these tests add are inactive, so that no case of the shared stack is ever routed to them.
  @Test
  void shouldShowAUnitsContactsOnlyToThoseWhoKeepTheDirectoryOrOverseeUnits() {
    String admin = tokens.of("admin-1", Roles.DIRECTORY_ADMIN, "national-directory");
    put("""
        {"name": "Kep counselling", "service": "PSYCHOSOCIAL", "provinces": ["KEP"], "languages": ["KHMER"],
         "femaleOfficersAvailable": 1, "capacity": 10, "active": false, "smsNumber": "+855 12 345 678",
         "email": "kep@counselling.example.org"}""", admin);

    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(unitAs(admin))
        .containsEntry("email", "kep@counselling.example.org").containsEntry("smsNumber", "+855 12 345 678"));
    assertThat(unitAs(tokens.of("supervisor-1", Roles.AGENCY_SUPERVISOR, "police-national-ajp")))
        .containsEntry("email", "kep@counselling.example.org");
    Map<String, Object> seenByOfficer = unitAs(tokens.of("officer-1", Roles.POLICE_OFFICER,
        "police-siem-reap-juvenile"));
    assertThat(seenByOfficer).containsEntry("name", "Kep counselling");
    assertThat(seenByOfficer.get("email")).isNull();
    assertThat(seenByOfficer.get("smsNumber")).isNull();
    assertThat(seenByOfficer.get("webhookUrl")).isNull();
  }

  @Test
  void shouldRefuseAWebhookThatIsNotHttpsToAPublicAddress() {
    String admin = tokens.of("admin-1", Roles.DIRECTORY_ADMIN, "national-directory");
    String unit = """
        {"name": "Kep Provincial Police", "service": "POLICE", "provinces": ["KEP"], "languages": ["KHMER"],
         "femaleOfficersAvailable": 0, "capacity": 10, "active": false, "webhookUrl": "%s"}""";

    // This test stack lets webhooks reach this machine (its stand-in agencies); nothing else private.
    for (String refused : List.of("http://93.184.216.34/komar", "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.5/hook", "https://[fd00::1]/hook")) {
      assertThat(status(() -> put(unit.formatted(refused), admin))).as(refused).isEqualTo(400);
    }
    assertThat(status(() -> put(unit.formatted("https://93.184.216.34/komar"), admin))).isEqualTo(202);
  }

  private Map<String, Object> unitAs(String token) {
    return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/units").header("Authorization", token),
            Argument.listOf(Argument.mapOf(String.class, Object.class))).stream()
        .filter(listed -> unitId.equals(listed.get("unitId"))).findFirst().orElseThrow();
  }

  private void put(String body, String token) {
    client.toBlocking().exchange(HttpRequest.PUT("/api/v1/units/" + unitId, body)
        .contentType(MediaType.APPLICATION_JSON).header("Authorization", token));
  }

  private static int status(Runnable call) {
    return ApiStatus.of(call, 202);
  }

}
