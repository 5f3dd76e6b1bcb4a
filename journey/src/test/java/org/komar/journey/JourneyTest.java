package org.komar.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.komar.infra.test.CanaryScanner;
import org.komar.infra.test.SampleEvents;
import org.komar.infra.test.StandIns;
import org.komar.infra.test.TestKeycloak;
import org.komar.infra.test.TestStack;
import org.komar.schemas.reporter.ReporterTexts;

/**
 * One child's case through the whole platform, every service in its own JVM as built: a hotline records that a
 * 13-year-old girl in Siem Reap, who asks for a female officer, is being sextorted on Facebook and Telegram; the
 * police unit with a female officer, a counsellor and both platforms' desks are told, signed; the officer and the
 * counsellor accept, the counsellor completes, and a social worker is asked to follow up; every agency sees the
 * same case; the reporter hears, in Khmer and by discreet SMS, that someone is helping; the case is
 * crypto-shredded and its identity opens nowhere any more. Then no topic, log, webhook or SMS holds the child's name, phones, story or links.
 */
class JourneyTest extends OnPlatform {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POLICE = "police-siem-reap-juvenile";
  private static final String COUNSELLING = "ngo-siem-reap-counselling";
  private static final String FOLLOW_UP = "dosvy-siem-reap";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldCarryOneCaseThroughEveryServiceWithoutExposingTheChild() throws Exception {
    // A hotline operator records the call
    TestKeycloak keycloak = TestStack.shared().keycloak();
    String operator = keycloak.bearer("operator");
    JsonNode created = call("POST", platform.intake.uri(), "/api/v1/intakes", operator, intake(), 201);
    String caseId = created.get("caseId").asText();
    String reference = created.get("caseReference").asText();
    String pin = created.get("reporterPin").asText();

    // The police unit with a female officer, and a counsellor, find it in their inboxes
    String officer = keycloak.bearer("officer-siem-reap");
    String counsellor = keycloak.bearer("counsellor-siem-reap");
    String socialWorker = keycloak.bearer("social-worker-siem-reap");
    JsonNode police = awaitInbox(officer, caseId);
    JsonNode counselling = awaitInbox(counsellor, caseId);
    assertThat(police.get("femaleOfficerRequested").asBoolean()).isTrue();

    // Each is told by a signed webhook, and so are both platforms' take-down desks
    for (String unit : List.of(POLICE, COUNSELLING, "takedown-meta-trust-safety", "takedown-telegram-abuse")) {
      await().atMost(Duration.ofSeconds(60)).until(() -> !platform.agencies.webhooksOf(unit).isEmpty());
      assertThat(platform.agencies.webhooksOf(unit)).as(unit).allMatch(StandIns.Received::signatureValid);
    }

    // The officer and the counsellor accept; the counsellor completes; a social worker is asked to follow up
    act(officer, caseId, police, "acceptance", "{\"femaleOfficerAssigned\": true}");
    act(counsellor, caseId, counselling, "acceptance", "{\"femaleOfficerAssigned\": true}");
    await().atMost(Duration.ofSeconds(30)).until(() -> state(counsellor, caseId, COUNSELLING).equals("ACCEPTED"));
    act(counsellor, caseId, counselling, "completion", "{\"outcome\": \"SERVICE_PROVIDED\"}");
    JsonNode followUp = awaitInbox(socialWorker, caseId);
    assertThat(followUp.get("service").asText()).isEqualTo("FOLLOW_UP");

    // Every agency that holds a referral sees the same case
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode seenByPolice = caseAs(officer, caseId);
      assertThat(caseAs(counsellor, caseId)).isEqualTo(seenByPolice);
      assertThat(caseAs(socialWorker, caseId)).isEqualTo(seenByPolice);
      assertThat(seenByPolice.get("status").asText()).isEqualTo("IN_PROGRESS");
    });

    // The reporter hears, in Khmer and without details, that someone is helping; by SMS too
    await().atMost(Duration.ofSeconds(30)).until(() -> call("POST", platform.intake.uri(), "/api/v1/status-checks",
        null, "{\"caseReference\": \"" + reference + "\", \"pin\": \"" + pin + "\", \"language\": \"KHMER\"}", 200)
        .get("message").asText().contains("មានអ្នកកំពុងជួយ"));
    await().atMost(Duration.ofSeconds(60)).until(() -> platform.agencies.sms.stream()
        .filter(sms -> sms.body().contains(SampleEvents.REPORTER_PHONE)).count() >= 2);
    // in discreet words, the default: whoever reads the family phone learns of no report and no reference
    for (StandIns.Received sms : platform.agencies.sms) {
      if (sms.body().contains(SampleEvents.REPORTER_PHONE)) {
        StringBuilder text = new StringBuilder(JSON.readTree(sms.body()).path("from").asText()).append(' ');
        JSON.readTree(sms.body()).get("parts").forEach(part -> text.append(part.asText()));
        String words = text.toString().toLowerCase(Locale.ROOT);
        assertThat(words).isNotBlank().doesNotContain(reference.toLowerCase(Locale.ROOT));
        assertThat(ReporterTexts.WORDS_A_DISCREET_TEXT_NEVER_HOLDS).as(words).noneMatch(words::contains);
        assertThat(words).as("the sender's name").doesNotContain("komar");
      }
    }

    // The case is crypto-shredded: its identity opens nowhere, and no note can be sealed for it
    String supervisor = keycloak.bearer("supervisor-hotline");
    call("POST", platform.intake.uri(), "/api/v1/intakes/" + reference + "/erasure", supervisor,
        "{\"reason\": \"CHILD_REQUEST\"}", 200);
    call("POST", platform.intake.uri(), "/api/v1/intakes/" + reference + "/openings", operator,
        "{\"field\": \"reporterContact\", \"purpose\": \"CONTACT_REPORTER\"}", 410);
    call("POST", platform.routing.uri(), "/api/v1/cases/" + caseId + "/referrals/"
        + police.get("referralId").asText() + "/progress", officer, "{\"note\": \"Checked on her today\"}", 410);
    // and every agency sees it erased, out of their inboxes and deadlines (the vault tells routing, case-erasures)
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(caseAs(officer, caseId).get("status").asText()).isEqualTo("ERASED");
      assertThat(caseAs(socialWorker, caseId).get("status").asText()).isEqualTo("ERASED");
      assertThat(call("GET", platform.routing.uri(), "/api/v1/inbox", socialWorker, null, 200))
          .noneMatch(item -> item.get("caseId").asText().equals(caseId));
    });

    // Nothing anywhere holds the child's identity, story or links, nor the reporter's number outside its SMS
    CanaryScanner canaries = new CanaryScanner(SampleEvents.CANARIES);
    List<CanaryScanner.Hit> hits = new ArrayList<>(canaries.scanTopics(TestStack.shared().kafkaSettings(),
        TestStack.shared().registry().registryApiUrl()));
    hits.addAll(canaries.scanFiles(Platform.logs()));
    Map<String, String> payloads = new HashMap<>();
    platform.agencies.webhooks.forEach(request -> payloads.put("webhook " + request.path() + " " + request.at(),
        request.body() + request.headers()));
    for (StandIns.Received request : platform.agencies.sms) {
      payloads.put("sms text " + request.at(), JSON.readTree(request.body()).get("parts").toString());
    }
    hits.addAll(canaries.scanPayloads(payloads));
    assertThat(hits).isEmpty();
  }

  private static String intake() {
    return """
        {"hotlineId": "hotline-1280", "channel": "HOTLINE_PHONE", "reporterRelationship": "PARENT",
         "child": {"ageBand": "AGE_13_TO_15", "gender": "GIRL", "province": "SIEM_REAP", "language": "KHMER",
                   "identity": {"name": "%s", "dateOfBirth": "2013-04-02", "phone": "%s"}},
         "preferences": {"femaleOfficer": true, "contactChannel": "PHONE_CALL", "language": "KHMER"},
         "consents": [
           {"purpose": "POLICE_REFERRAL", "granted": true, "givenBy": "CHILD_AND_GUARDIAN"},
           {"purpose": "PSYCHOSOCIAL_SUPPORT", "granted": true, "givenBy": "CHILD"},
           {"purpose": "FOLLOW_UP", "granted": true, "givenBy": "CHILD_AND_GUARDIAN"},
           {"purpose": "CONTENT_REMOVAL", "granted": true, "givenBy": "CHILD"},
           {"purpose": "REPORTER_UPDATES", "granted": true, "givenBy": "GUARDIAN"}],
         "incidentCategories": ["SEXTORTION"], "platforms": ["FACEBOOK", "TELEGRAM"], "riskLevel": "HIGH",
         "narrative": "%s", "contentUrls": ["%s", "%s"], "offenderHandles": ["%s"],
         "reporterContact": {"phone": "%s"}}""".formatted(SampleEvents.CHILD_NAME, SampleEvents.CHILD_PHONE,
        SampleEvents.NARRATIVE, SampleEvents.URL_1, SampleEvents.URL_2, SampleEvents.OFFENDER_HANDLE,
        SampleEvents.REPORTER_PHONE);
  }

  private JsonNode awaitInbox(String token, String caseId) {
    JsonNode[] found = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
      for (JsonNode item : call("GET", platform.routing.uri(), "/api/v1/inbox", token, null, 200)) {
        if (item.get("caseId").asText().equals(caseId)) {
          found[0] = item;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  private void act(String token, String caseId, JsonNode item, String action, String body) throws Exception {
    call("POST", platform.routing.uri(), "/api/v1/cases/" + caseId + "/referrals/" + item.get("referralId").asText()
        + "/" + action, token, body, 202);
  }

  private JsonNode caseAs(String token, String caseId) throws Exception {
    return call("GET", platform.routing.uri(), "/api/v1/cases/" + caseId, token, null, 200);
  }

  private String state(String token, String caseId, String unitId) throws Exception {
    for (JsonNode referral : caseAs(token, caseId).get("referrals")) {
      if (referral.get("unitId").asText().equals(unitId)) {
        return referral.get("state").asText();
      }
    }
    return "";
  }

  private JsonNode call(String method, URI service, String path, String token, String body, int expected)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", token);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }
}
