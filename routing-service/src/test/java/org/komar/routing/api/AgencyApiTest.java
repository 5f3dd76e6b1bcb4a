package org.komar.routing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.komar.infra.test.TestStack;
import org.komar.routing.AgencyTokens;
import org.komar.routing.Intakes;
import org.komar.routing.OnTestStack;
import org.komar.routing.e2e.StackEvents;
import org.komar.schemas.Topics;
import org.komar.schemas.security.Roles;

/** Agencies work their referrals through the API; what they may not see or do is refused. */
@MicronautTest
class AgencyApiTest extends OnTestStack {

  private static final String POLICE_UNIT = "police-siem-reap-juvenile";
  private static final String COUNSELLING_UNIT = "ngo-siem-reap-counselling";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  AgencyTokens tokens;

  @Inject
  org.komar.routing.runtime.RoutingStreams routing;

  @Inject
  org.komar.routing.runtime.CaseStores stores;

  private StackEvents events;
  private String caseId;

  @BeforeAll
  void startRouting() throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(() -> routing.streams()
        .map(streams -> streams.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING).orElse(false));
    events = new StackEvents(TestStack.shared());
    events.seedDirectory();
    // The directory reaches the router through its global table: a case routed before it arrives finds no unit
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> stores.unit(POLICE_UNIT).isPresent()
        && stores.unit(COUNSELLING_UNIT).isPresent());
  }

  @org.junit.jupiter.api.BeforeEach
  void routeACase() throws Exception {
    caseId = "api-" + UUID.randomUUID();
    events.send(Topics.CASE_INTAKES, Map.of(caseId, Intakes.girlInSiemReap().setCaseId(caseId)
        .setEventId(caseId + "/intake").setConsents(Intakes.allConsents())
        .setOffenderHandles(Intakes.sealed(org.komar.events.Audience.POLICE)).build()));
  }

  @Test
  void shouldLetTheHoldingUnitsAcceptAndKeepEveryAgencysViewInSync() {
    // Given the case in the inboxes of the Siem Reap police and counsellors
    Map<String, Object> police = inboxItem(officer());
    Map<String, Object> counselling = inboxItem(tokens.of("counsellor-3", Roles.COUNSELLOR, COUNSELLING_UNIT));
    assertThat(police).containsEntry("service", "POLICE").containsEntry("femaleOfficerRequested", true)
        .containsEntry("state", "REQUESTED").doesNotContainKeys("childIdentity", "narrative");

    // When the officer and the counsellor accept
    HttpResponse<Map<String, Object>> accepted = post(police, "acceptance", "{\"femaleOfficerAssigned\": true}",
        officer());
    post(counselling, "acceptance", "{\"femaleOfficerAssigned\": true}",
        tokens.of("counsellor-3", Roles.COUNSELLOR, COUNSELLING_UNIT));

    // Then both see the same case, with both acceptances, and a follow-up asked of the social workers
    assertThat(accepted.code()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Map<String, Object> seenByPolice = caseAs(officer());
      Map<String, Object> seenByCounsellor = caseAs(tokens.of("counsellor-3", Roles.COUNSELLOR, COUNSELLING_UNIT));
      assertThat(seenByPolice).isEqualTo(seenByCounsellor);
      assertThat(seenByPolice.get("referrals").toString()).contains("state=ACCEPTED, priority=2")
          .contains("service=FOLLOW_UP");
      assertThat(seenByPolice.get("status")).isEqualTo("IN_PROGRESS");
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxOf(tokens.of("worker-5", Roles.SOCIAL_WORKER,
        "dosvy-siem-reap")).stream().anyMatch(item -> caseId.equals(item.get("caseId"))));
    // And accepting twice is a conflict, not a second event
    assertThat(status(() -> post(police, "acceptance", "{\"femaleOfficerAssigned\": true}", officer())))
        .isEqualTo(409);
  }

  @Test
  void shouldRefuseTheCaseToUnitsThatHoldNoReferralOfIt() {
    Map<String, Object> police = inboxItem(officer());
    String otherUnit = tokens.of("officer-9", Roles.POLICE_OFFICER, "police-battambang-juvenile");
    String counsellorAsPolice = tokens.of("counsellor-3", Roles.COUNSELLOR, POLICE_UNIT);

    assertThat(status(() -> caseAs(otherUnit))).isEqualTo(403);
    assertThat(status(() -> post(police, "acceptance", "{\"femaleOfficerAssigned\": false}", otherUnit)))
        .isEqualTo(403);
    assertThat(status(() -> post(police, "acceptance", "{\"femaleOfficerAssigned\": false}", counsellorAsPolice)))
        .isEqualTo(403);
    assertThat(status(() -> caseAs(tokens.of("auditor-1", Roles.AUDITOR, POLICE_UNIT)))).isEqualTo(403);
    // A supervisor of the unit that holds it may follow the case
    assertThat(caseAs(tokens.of("supervisor-1", Roles.AGENCY_SUPERVISOR, "police-national-ajp")))
        .containsEntry("caseId", caseId);
  }

  @Test
  void shouldRecordNoProgressNoteWhenTheVaultCannotSealIt() {
    Map<String, Object> counselling = inboxItem(tokens.of("counsellor-3", Roles.COUNSELLOR, COUNSELLING_UNIT));
    await().atMost(Duration.ofSeconds(30)).until(() -> caseAs(officer()).get("status") != null);
    String counsellor = tokens.of("counsellor-3", Roles.COUNSELLOR, COUNSELLING_UNIT);
    post(counselling, "acceptance", "{\"femaleOfficerAssigned\": true}", counsellor);
    await().atMost(Duration.ofSeconds(30)).until(() -> caseAs(counsellor).get("referrals").toString()
        .contains("service=PSYCHOSOCIAL, unitId=" + COUNSELLING_UNIT + ", state=ACCEPTED"));

    HttpClientResponseException refused = org.junit.jupiter.api.Assertions.assertThrows(
        HttpClientResponseException.class, () -> post(counselling, "progress",
            "{\"note\": \"Sokha is safe with her aunt\"}", counsellor));

    assertThat(refused.getStatus().getCode()).isEqualTo(503);
    assertThat(refused.getResponse().getHeaders().get("Retry-After")).isEqualTo("5");
    assertThat(refused.getResponse().getBody(String.class).orElse("")).doesNotContain("Sokha");
  }

  @Test
  void shouldShowTheSupervisorReassignedReferralsAndUnitsWithoutAWomanOfficer() {
    // Given the Siem Reap police decline the case: it goes to another police unit
    Map<String, Object> police = inboxItem(officer());
    assertThat(post(police, "decline", "{\"reason\": \"NO_CAPACITY\"}", officer()).code()).isEqualTo(202);
    String supervisor = tokens.of("supervisor-1", Roles.AGENCY_SUPERVISOR, "police-national-ajp");

    // Then the supervisor of the police units sees it reassigned, and which of their units have no woman officer
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(supervisionAs(supervisor).getOrDefault("referrals", List.of())
        .toString()).contains("caseId=" + caseId).contains("reason=REFERRAL_REASSIGNED"));
    assertThat(supervisionAs(supervisor).getOrDefault("withoutFemaleOfficer", List.of()).toString())
        .contains("unitId=police-oddar-meanchey").contains("unitId=police-ratanakiri")
        .doesNotContain("unitId=" + POLICE_UNIT);
    // And only supervisors may ask
    assertThat(status(() -> supervisionAs(officer()))).isEqualTo(403);
  }

  @Test
  void shouldOpenIdentityOnlyForAUnitThatAcceptedAndOnlyFieldsSealedForItsService() {
    String counsellor = tokens.of("counsellor-3", Roles.COUNSELLOR, COUNSELLING_UNIT);
    Map<String, Object> counselling = inboxItem(counsellor);
    String identity = "{\"field\": \"childIdentity\", \"purpose\": \"ARRANGE_MEETING\"}";

    // Before accepting, the unit does not see who the child is; another unit never does
    assertThat(status(() -> post(counselling, "openings", identity, counsellor))).isEqualTo(409);
    assertThat(status(() -> post(counselling, "openings", identity,
        tokens.of("counsellor-8", Roles.COUNSELLOR, "ngo-battambang-counselling")))).isEqualTo(403);
    post(counselling, "acceptance", "{\"femaleOfficerAssigned\": true}", counsellor);
    await().atMost(Duration.ofSeconds(30)).until(() -> caseAs(counsellor).get("referrals").toString()
        .contains("service=PSYCHOSOCIAL, unitId=" + COUNSELLING_UNIT + ", state=ACCEPTED"));

    // Then: a purpose from the list only; nothing sealed only for others; nothing that was not recorded
    assertThat(status(() -> post(counselling, "openings", identity.replace("ARRANGE_MEETING", "curiosity"),
        counsellor))).isEqualTo(400);
    assertThat(status(() -> post(counselling, "openings", identity.replace("ARRANGE_MEETING", "CASE_REVIEW"),
        counsellor))).as("a supervisor's purpose").isEqualTo(400);
    assertThat(status(() -> post(counselling, "openings", identity.replace("childIdentity", "reporterContact"),
        counsellor))).isEqualTo(400);
    assertThat(status(() -> post(counselling, "openings", identity.replace("childIdentity", "offenderHandles"),
        counsellor))).isEqualTo(403);
    assertThat(status(() -> post(counselling, "openings", identity.replace("childIdentity", "contentUrls"),
        counsellor))).isEqualTo(404);
    // And what is hers to open goes to the vault, which this test platform does not run: 503, never a guess
    assertThat(status(() -> post(counselling, "openings", identity, counsellor))).isEqualTo(503);
  }

  @Test
  void shouldShowATakedownDeskItsOwnRequestAndNothingOfTheChildOrTheOtherAgencies() throws Exception {
    caseId = "api-takedown-" + UUID.randomUUID();
    events.send(Topics.CASE_INTAKES, Map.of(caseId, Intakes.girlInSiemReap().setCaseId(caseId)
        .setEventId(caseId + "/intake").setConsents(Intakes.allConsents())
        .setPlatforms(List.of(org.komar.events.OnlinePlatform.FACEBOOK))
        .setContentUrls(Intakes.sealed(org.komar.events.Audience.POLICE, org.komar.events.Audience.TAKEDOWN))
        .build()));
    String desk = tokens.of("desk-1", Roles.TAKEDOWN_OFFICER, "takedown-meta-trust-safety");

    Map<String, Object> request = inboxItem(desk);
    Map<String, Object> seen = caseAs(desk);

    assertThat(request).containsEntry("service", "TAKEDOWN").containsKeys("deadline", "referralId")
        .doesNotContainKeys("province", "childAgeBand", "childGender", "language", "riskLevel");
    assertThat(request.get("incidentCategories")).as("incident categories").isIn(null, List.of());
    assertThat(seen).doesNotContainKeys("province", "riskLevel");
    assertThat(seen.get("referrals").toString()).contains("unitId=takedown-meta-trust-safety")
        .doesNotContain("POLICE").doesNotContain("PSYCHOSOCIAL").doesNotContain(POLICE_UNIT);
    assertThat((List<?>) seen.get("timeline")).isNotEmpty().allSatisfy(entry ->
        assertThat(((Map<?, ?>) entry).get("unitId")).isEqualTo("takedown-meta-trust-safety"));
    // Nor does the supervisor of the take-down desks: their desks' requests, nothing more
    Map<String, Object> seenBySupervisor = caseAs(tokens.of("coordinator-1", Roles.AGENCY_SUPERVISOR,
        "takedown-national-coordination"));
    assertThat(seenBySupervisor).doesNotContainKeys("province", "riskLevel");
    assertThat(seenBySupervisor.get("referrals").toString()).contains("service=TAKEDOWN")
        .doesNotContain("service=POLICE").doesNotContain("service=PSYCHOSOCIAL");
    // The police, who hold a referral of it now, see it whole
    assertThat(caseAs(officer())).containsEntry("province", "SIEM_REAP");
  }

  @Test
  void shouldLeaveAUnitThatDeclinedOnlyItsOwnActions() {
    Map<String, Object> police = inboxItem(officer());
    assertThat(post(police, "decline", "{\"reason\": \"NO_CAPACITY\"}", officer()).code()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(caseAs(officer()).get("timeline")
        .toString()).contains("event=REFERRAL_DECLINED"));
    Map<String, Object> seen = caseAs(officer());
    assertThat(seen).doesNotContainKeys("province", "riskLevel");
    assertThat(seen.getOrDefault("referrals", List.of()).toString()).as("the referral went to another unit")
        .doesNotContain("unitId=");
    assertThat((List<?>) seen.get("timeline")).isNotEmpty().allSatisfy(entry ->
        assertThat(((Map<?, ?>) entry).get("unitId")).isEqualTo(POLICE_UNIT));
    assertThat(status(() -> post(police, "acceptance", "{\"femaleOfficerAssigned\": true}", officer())))
        .isEqualTo(403);
  }

  private Map<String, Object> supervisionAs(String token) {
    return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/supervision").header("Authorization", token),
        Argument.mapOf(String.class, Object.class));
  }

  private String officer() {
    return tokens.of("officer-1", Roles.POLICE_OFFICER, POLICE_UNIT);
  }

  private Map<String, Object> inboxItem(String token) {
    await().atMost(Duration.ofSeconds(60)).until(() -> inboxOf(token).stream()
        .anyMatch(item -> caseId.equals(item.get("caseId"))));
    return inboxOf(token).stream().filter(item -> caseId.equals(item.get("caseId"))).findFirst().orElseThrow();
  }

  private List<Map<String, Object>> inboxOf(String token) {
    return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/inbox").header("Authorization", token),
        Argument.listOf(Argument.mapOf(String.class, Object.class)));
  }

  private Map<String, Object> caseAs(String token) {
    return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/cases/" + caseId).header("Authorization", token),
        Argument.mapOf(String.class, Object.class));
  }

  private HttpResponse<Map<String, Object>> post(Map<String, Object> item, String action, String body, String token) {
    return client.toBlocking().exchange(HttpRequest.POST("/api/v1/cases/" + caseId + "/referrals/"
            + item.get("referralId") + "/" + action, body).contentType(MediaType.APPLICATION_JSON)
        .header("Authorization", token), Argument.mapOf(String.class, Object.class));
  }

  private static int status(Runnable call) {
    return ApiStatus.of(call);
  }
}
