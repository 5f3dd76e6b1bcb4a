package org.komar.intake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.komar.events.Audience;
import org.komar.events.IntakeReceived;
import org.komar.events.ReferralState;
import org.komar.events.ReporterMessages;
import org.komar.events.Service;
import org.komar.http.vault.AgencyOpenRequest;
import org.komar.http.vault.SealedJson;
import org.komar.http.vault.VaultApi;
import org.komar.infra.identity.KomarRealm;
import org.komar.infra.test.BearerTokens;
import org.komar.infra.test.CaseStates;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.intake.OnTestStack;
import org.komar.intake.SampleIntakes;
import org.komar.intake.Tokens;
import org.komar.schemas.Topics;
import org.komar.schemas.sealing.OpeningPurpose;
import org.komar.schemas.security.Roles;
import org.komar.schemas.serde.KomarSerdes;

@MicronautTest(transactional = false)
class IntakeApiTest extends OnTestStack {

  private static final String CHILD_NAME = SampleIntakes.CHILD_NAME;

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  Tokens tokens;

  @Inject
  ObjectMapper json;

  @Inject
  @Client("vault")
  HttpClient vault;

  @Inject
  TransactionOperations<Connection> transactions;


  private HttpResponse<Map<String, Object>> post(String body, String idempotencyKey) {
    var request = HttpRequest.POST("/api/v1/intakes", body).contentType(MediaType.APPLICATION_JSON)
        .header("Authorization", tokens.bearer("operator-1", Roles.HOTLINE_OPERATOR));
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    return client.toBlocking().exchange(request, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
  }

  @Test
  void shouldLetAReportingPageRecordWebReportsOfItsOwnHotlineAndNothingElse() {
    String page = TestStack.shared().issuer().serviceBearer(KomarRealm.REPORTING);
    String web = SampleIntakes.intake("គេគំរាមខ្ញុំតាម Telegram។").replace("\"HOTLINE_PHONE\"", "\"INTERNET_HOTLINE\"");
    var argument = io.micronaut.core.type.Argument.mapOf(String.class, Object.class);

    String key = "web-" + UUID.randomUUID();
    HttpResponse<Map<String, Object>> created = client.toBlocking().exchange(HttpRequest.POST("/api/v1/intakes", web)
        .contentType(MediaType.APPLICATION_JSON).header("Authorization", page).header("Idempotency-Key", key),
        argument);
    assertThat(created.code()).isEqualTo(201);
    assertThat(created.body()).containsKeys("caseReference", "reporterPin");

    // Its retry finds the report, but no PIN is opened for a page: a page broken into cannot fish PINs with old keys
    HttpClientResponseException retried = catchThrowableOfType(HttpClientResponseException.class,
        () -> client.toBlocking().exchange(HttpRequest.POST("/api/v1/intakes", web)
            .contentType(MediaType.APPLICATION_JSON).header("Authorization", page).header("Idempotency-Key", key),
            argument));
    assertThat(retried.code()).isEqualTo(409);
    assertThat(retried.getResponse().getBody(String.class).orElse(""))
        .doesNotContain((String) created.body().get("reporterPin"));

    // A report passed off as one a person took by phone, or recorded for another hotline: refused
    for (String refused : List.of(SampleIntakes.intake("x"), web.replace("hotline-1280", "hotline-kampot"))) {
      HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
          () -> client.toBlocking().exchange(HttpRequest.POST("/api/v1/intakes", refused)
              .contentType(MediaType.APPLICATION_JSON).header("Authorization", page), argument));
      assertThat(e.code()).isEqualTo(403);
    }
    // and it reads nothing back, not even the report it just made
    HttpClientResponseException read = catchThrowableOfType(HttpClientResponseException.class,
        () -> client.toBlocking().exchange(HttpRequest.GET("/api/v1/intakes/" + created.body().get("caseReference"))
            .header("Authorization", page), argument));
    assertThat(read.code()).isEqualTo(403);
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldCreateAnIntakeSealItsIdentityAndQueueItsEvent() {
    HttpResponse<Map<String, Object>> response = post(SampleIntakes.intake("ជនល្មើសគំរាមចែកចាយរូបថតរបស់នាង។"), null);

    assertThat(response.code()).isEqualTo(201);
    Map<String, Object> created = response.body();
    String reference = (String) created.get("caseReference");
    assertThat(reference).matches("[2-9A-HJKMNP-Z]{2}-[2-9A-HJKMNP-Z]{4}");
    assertThat((String) created.get("reporterPin")).matches("\\d{6}");
    assertThat(response.header("Location")).isEqualTo("/api/v1/intakes/" + reference);
    String caseId = (String) created.get("caseId");

    // Stored sealed: the name is nowhere in the row in clear.
    transactions.executeRead(status -> {
      try (ResultSet row = status.getConnection().createStatement().executeQuery(
          "SELECT child_identity, narrative, reporter_contact FROM intakes WHERE case_id = '" + caseId + "'")) {
        assertThat(row.next()).isTrue();
        for (int column = 1; column <= 3; column++) {
          assertThat(new String(row.getBytes(column), java.nio.charset.StandardCharsets.UTF_8))
              .doesNotContain(CHILD_NAME).doesNotContain("555 0142").doesNotContain("555 0199");
        }
        return null;
      }
    });

    // Published by the relay, and the police unit that holds the case can open the identity, Khmer intact.
    TestStack stack = TestStack.shared();
    List<ConsumerRecord<String, IntakeReceived>> events = TopicReader.read(stack.kafkaSettings(),
        Topics.CASE_INTAKES.name(),
        stack.serdes().valueSerde(Topics.CASE_INTAKES).deserializer(),
        record -> record.key().equals(caseId), 1, Duration.ofSeconds(30));
    assertThat(events).singleElement().satisfies(record -> {
      IntakeReceived event = record.value();
      assertThat(event.getCaseReference()).isEqualTo(reference);
      assertThat(event.getProvince().name()).isEqualTo("SIEM_REAP");
      assertThat(event.getPreferences().getFemaleOfficer()).isTrue();
      assertThat(event.getPreferences().getReporterMessages()).as("discreet unless the reporter chose otherwise")
          .isEqualTo(ReporterMessages.DISCREET);
      CaseStates.publishReferral(caseId, 1, Service.POLICE, "police-siem-reap-juvenile", ReferralState.ACCEPTED);
      String officer = BearerTokens.agency("officer-17", Roles.POLICE_OFFICER, "police-siem-reap-juvenile");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(openAsPolice(caseId, "childIdentity",
          SealedJson.of(event.getChildIdentity()), officer)).contains("\"name\":\"" + CHILD_NAME + "\""));
      assertThat(openAsPolice(caseId, "narrative", SealedJson.of(event.getNarrative()), officer))
          .isEqualTo("ជនល្មើសគំរាមចែកចាយរូបថតរបស់នាង។");
    });
  }

  /** What the police officer sees of a sealed field, opened by the vault when routing asks on their behalf. */
  private String openAsPolice(String caseId, String field, SealedJson sealed, String officer) {
    return (String) vault.toBlocking().retrieve(HttpRequest.POST("/api/v1/vault/agency-openings",
            new AgencyOpenRequest(caseId, field, sealed, Audience.POLICE, OpeningPurpose.SAFETY_CHECK))
        .header("Authorization", TestStack.shared().issuer().serviceBearer("routing-service"))
        .header(VaultApi.PERSON, officer), io.micronaut.core.type.Argument.mapOf(String.class, Object.class))
        .get("value");
  }

  @Test
  void shouldShowStaffOnlyTheInternalFields() {
    String reference = (String) post(SampleIntakes.intake("x"), null).body().get("caseReference");

    Map<String, Object> status = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/intakes/" + reference)
            .header("Authorization", tokens.bearer("supervisor-3", Roles.HOTLINE_SUPERVISOR)),
        io.micronaut.core.type.Argument.mapOf(String.class, Object.class));

    assertThat(status).containsEntry("caseReference", reference).containsEntry("status", "RECEIVED")
        .containsEntry("province", "SIEM_REAP").containsEntry("femaleOfficerRequested", true)
        .doesNotContainKeys("childIdentity", "narrative", "reporterPin");
    assertThat(status.toString()).doesNotContain(CHILD_NAME);
  }

  @Test
  void shouldAnswerTheReporterInKhmerWithNoCaseDetail() {
    Map<String, Object> created = post(SampleIntakes.intake("x"), null).body();
    String check = """
        {"caseReference": "%s", "pin": "%s", "language": "KHMER"}""".formatted(
        ((String) created.get("caseReference")).toLowerCase().replace("-", " "), created.get("reporterPin"));

    Map<String, Object> answer = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/status-checks", check),
        io.micronaut.core.type.Argument.mapOf(String.class, Object.class));

    assertThat((String) answer.get("message")).startsWith("យើងបានទទួលរបាយការណ៍របស់អ្នកហើយ")
        .doesNotContain("SIEM").doesNotContain("សៀមរាប");
  }

  @Test
  void shouldRefuseAWrongPinWithoutSayingWhetherTheCaseExists() {
    Map<String, Object> created = post(SampleIntakes.intake("x"), null).body();
    String wrongPin = created.get("reporterPin").equals("000000") ? "000001" : "000000";

    for (String reference : List.of((String) created.get("caseReference"), "ZZ-ZZZZ")) {
      HttpClientResponseException refused = org.junit.jupiter.api.Assertions.assertThrows(
          HttpClientResponseException.class, () -> client.toBlocking().exchange(HttpRequest.POST(
              "/api/v1/status-checks", """
                  {"caseReference": "%s", "pin": "%s", "language": "ENGLISH"}""".formatted(reference, wrongPin))));
      assertThat(refused.getStatus().getCode()).isEqualTo(404);
      assertThat(refused.getResponse().getBody(String.class).orElse(""))
          .contains("We could not find a report with that reference and PIN");
    }
  }

  @Test
  void shouldStopPinGuessingAfterFiveWrongTries() {
    Map<String, Object> created = post(SampleIntakes.intake("x"), null).body();
    String reference = (String) created.get("caseReference");
    String right = (String) created.get("reporterPin");
    String wrong = right.equals("000000") ? "000001" : "000000";
    java.util.function.Function<String, Integer> check = pin -> {
      try {
        return client.toBlocking().exchange(HttpRequest.POST("/api/v1/status-checks",
            "{\"caseReference\": \"%s\", \"pin\": \"%s\", \"language\": \"ENGLISH\"}".formatted(reference, pin)))
            .code();
      } catch (HttpClientResponseException e) {
        return e.getStatus().getCode();
      }
    };

    List<Integer> guesses = java.util.stream.IntStream.range(0, 5).mapToObj(i -> check.apply(wrong)).toList();

    assertThat(guesses).containsOnly(404);
    assertThat(check.apply(right)).isEqualTo(429);
  }

  @Test
  void shouldReturnTheSameCaseToARetryAndRefuseTheKeyForAnotherBody() {
    String key = "retry-" + UUID.randomUUID();

    HttpResponse<Map<String, Object>> first = post(SampleIntakes.intake("first call"), key);
    HttpResponse<Map<String, Object>> retry = post(SampleIntakes.intake("first call"), key);
    HttpClientResponseException conflict = org.junit.jupiter.api.Assertions.assertThrows(
        HttpClientResponseException.class, () -> post(SampleIntakes.intake("another report"), key));

    assertThat(first.code()).isEqualTo(201);
    assertThat(retry.code()).isEqualTo(200);
    assertThat(retry.body()).containsEntry("caseId", first.body().get("caseId"))
        .containsEntry("caseReference", first.body().get("caseReference"))
        .containsEntry("reporterPin", first.body().get("reporterPin"));
    assertThat(conflict.getStatus().getCode()).isEqualTo(409);
    assertThat(conflict.getResponse().getContentType().map(MediaType::toString)).contains("application/problem+json");
  }
}
