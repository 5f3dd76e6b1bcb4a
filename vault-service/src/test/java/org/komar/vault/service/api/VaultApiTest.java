package org.komar.vault.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.komar.events.Audience;
import org.komar.events.AuditEvent;
import org.komar.events.IdentityAccessRefused;
import org.komar.events.IdentityAccessed;
import org.komar.events.ReferralState;
import org.komar.events.SealedValue;
import org.komar.events.Service;
import org.komar.http.vault.VaultApi;
import org.komar.infra.test.BearerTokens;
import org.komar.infra.test.CaseStates;
import org.komar.infra.test.ForgedTokens;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.schemas.Topics;
import org.komar.schemas.security.Roles;
import org.komar.vault.KeyVault;
import org.komar.vault.service.OnTestStack;
import org.komar.vault.service.holders.CaseHolders;
import org.komar.vault.service.store.VaultService;

/**
 * The vault's API for routing and notification: routing seals agencies' notes for the audiences the schema gives
 * and opens for a person whose unit holds the case; notification opens a reporter's contact; nobody else does
 * either, and every refusal of an opening is audited.
 */
@MicronautTest(transactional = false)
class VaultApiTest extends OnTestStack {

  private static final String NOTE = "Met ស្រីពៅ at school with her aunt; she is safe tonight.";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  VaultService vault;

  @Inject
  CaseHolders holders;

  private SealedIntakes intakes;

  @org.junit.jupiter.api.BeforeAll
  void intakes() {
    intakes = new SealedIntakes(client);
  }

  @Test
  void shouldSealANoteForTheAudiencesOfItsSchemaThatThePoliceCanOpen() {
    String caseId = createIntake();

    Map<String, Object> sealed = seal(caseId, Roles.ROUTING_SERVICE);

    assertThat(sealed.get("audiences")).isEqualTo(List.of("FOLLOW_UP", "POLICE", "PSYCHOSOCIAL"));
    assertThat(sealed.toString()).doesNotContain("ស្រីពៅ");
    SealedValue value = new SealedValue((String) sealed.get("keyId"), List.of(Audience.POLICE, Audience.PSYCHOSOCIAL,
        Audience.FOLLOW_UP), ByteBuffer.wrap(Base64.getDecoder().decode((String) sealed.get("ciphertext"))));
    assertThat(vault.open(value, new KeyVault.Opening(caseId, "ReferralProgressed.note", Audience.POLICE,
        "officer-1", "CASE_REVIEW"))).isEqualTo(NOTE);
  }

  @Test
  void shouldRefuseEveryoneButRoutingAndNeverSealForAnErasedCase() {
    String caseId = createIntake();
    assertThat(status(() -> seal(caseId, Roles.HOTLINE_OPERATOR))).isEqualTo(403);
    assertThat(status(() -> seal(caseId, Roles.INTAKE_SERVICE))).as("intake seals intakes only").isEqualTo(403);
    vault.erase(caseId, "supervisor-1", "CHILD_REQUEST");
    assertThat(status(() -> seal(caseId, Roles.ROUTING_SERVICE))).isEqualTo(410);
    assertThat(status(() -> seal("00000000-0000-0000-0000-000000000000", Roles.ROUTING_SERVICE))).isEqualTo(410);
  }

  @Test
  void shouldOpenTheReporterContactForNotificationsOnlyAndAuditIt() {
    SealedIntakes.Recorded contact = recorded("reporterContact");
    String body = "{\"caseId\": \"" + contact.caseId() + "\", \"field\": \"reporterContact\", "
        + "\"purpose\": \"REPORTER_UPDATE\", \"sealed\": " + contact.json() + "}";

    Map<String, Object> opened = open(body, Roles.NOTIFICATION_SERVICE);

    assertThat(opened.get("value").toString()).contains(SealedIntakes.REPORTER_PHONE);
    assertThat(status(() -> open(body, Roles.ROUTING_SERVICE))).isEqualTo(403);
    assertThat(status(() -> open(body, Roles.INTAKE_SERVICE))).isEqualTo(403);
    assertThat(status(() -> open(body.replace("reporterContact", "childIdentity"), Roles.NOTIFICATION_SERVICE)))
        .isEqualTo(403);
    assertThat(status(() -> open(body.replace("REPORTER_UPDATE", "CURIOSITY"), Roles.NOTIFICATION_SERVICE)))
        .isEqualTo(400);
  }

  @Test
  void shouldRefuseNotificationsOwnTokenTheChildsIdentityByEveryPath() {
    // notification-service broken into: its own client's token, and a case's real sealed identity
    String notification = TestStack.shared().issuer().serviceBearer("notification-service");
    SealedIntakes.Recorded identity = recorded("childIdentity");
    String opening = "{\"caseId\": \"" + identity.caseId() + "\", \"field\": \"childIdentity\", "
        + "\"purpose\": \"REPORTER_UPDATE\", \"sealed\": " + identity.json() + "}";
    String agencyOpening = "{\"caseId\": \"" + identity.caseId() + "\", \"field\": \"childIdentity\", "
        + "\"audience\": \"POLICE\", \"purpose\": \"CASE_REVIEW\", "
        + "\"sealed\": " + identity.json() + "}";

    assertThat(post("/api/v1/vault/openings", opening, notification)).as("as its own audience").isEqualTo(403);
    assertThat(post("/api/v1/vault/agency-openings", agencyOpening, notification)).as("as an agency's")
        .isEqualTo(403);
    assertThat(post("/api/v1/vault/seals", "{\"caseId\": \"" + identity.caseId() + "\", \"event\": "
        + "\"ReferralProgressed\", \"field\": \"note\", \"text\": \"x\"}", notification)).as("sealing")
        .isEqualTo(403);
  }

  private int post(String path, String body, String bearer) {
    return status(() -> client.toBlocking().exchange(HttpRequest.POST(path, body)
        .contentType(MediaType.APPLICATION_JSON).header("Authorization", bearer)));
  }

  @Test
  void shouldOpenAFieldOnlyForAPersonWhoseUnitHoldsTheCaseAndAuditEveryRefusal() {
    SealedIntakes.Recorded identity = recorded("childIdentity");
    String caseId = identity.caseId();
    holds(caseId, "police-siem-reap-juvenile", ReferralState.ACCEPTED);
    String routing = TestStack.shared().issuer().serviceBearer("routing-service");
    String officer = BearerTokens.agency("officer-siem-reap", Roles.POLICE_OFFICER, "police-siem-reap-juvenile");
    String body = "{\"caseId\": \"" + caseId + "\", \"field\": \"childIdentity\", \"audience\": \"POLICE\", "
        + "\"purpose\": \"SAFETY_CHECK\", \"sealed\": " + identity.json() + "}";

    Map<String, Object> opened = openForAgency(body, routing, officer);

    assertThat(opened.get("value").toString()).contains(SealedIntakes.CHILD_NAME);
    // routing broken into: alone, for a person of another unit, with a token it made up or its own as the person's
    assertThat(status(() -> openForAgency(body, routing, null))).as("no person").isEqualTo(403);
    assertThat(status(() -> openForAgency(body, routing, BearerTokens.agency("officer-battambang",
        Roles.POLICE_OFFICER, "police-battambang-juvenile")))).as("a unit that holds nothing").isEqualTo(403);
    assertThat(status(() -> openForAgency(body, routing, new ForgedTokens(TestStack.shared().issuer(),
        "officer-siem-reap", List.of(Roles.POLICE_OFFICER), Map.of("unit", "police-siem-reap-juvenile")).forged()
        .get("signed by a key not in the JWKS")))).as("a token routing made up").isEqualTo(403);
    assertThat(status(() -> openForAgency(body, routing, routing))).as("its own token as the person's")
        .isEqualTo(403);
    // The person's unit holds it for the police: not as another agency, and not for a field not sealed for it
    assertThat(status(() -> openForAgency(body.replace("\"audience\": \"POLICE\"", "\"audience\": \"PSYCHOSOCIAL\""),
        routing, officer))).isEqualTo(403);
    assertThat(status(() -> openForAgency(body, routing, BearerTokens.agency("supervisor-x", Roles.AGENCY_SUPERVISOR,
        "police-siem-reap-juvenile")))).as("a role that does not do the police's work").isEqualTo(403);
    assertThat(status(() -> openForAgency(body.replace("\"audience\": \"POLICE\"", "\"audience\": \"HOTLINE\""),
        routing, officer))).isEqualTo(403);
    // Only routing asks, and only for a purpose from the list (free text would reach the audit trail in clear)
    assertThat(status(() -> openForAgency(body, TestStack.shared().issuer().serviceBearer("notification-service"),
        officer))).isEqualTo(403);
    assertThat(status(() -> openForAgency(body, officer, officer))).as("the person directly").isEqualTo(403);
    assertThat(status(() -> openForAgency(body, SealedIntakes.intakeService(), officer))).as("intake")
        .isEqualTo(403);
    assertThat(status(() -> openForAgency(body.replace("SAFETY_CHECK", "Sreypov's school"), routing, officer)))
        .isEqualTo(400);
    // Routing refuses these itself before it asks: asked anyway, the vault refuses them, and audits it
    assertThat(status(() -> openForAgency(body.replace("SAFETY_CHECK", "CONTACT_REPORTER"), routing, officer)))
        .as("not an agency's purpose").isEqualTo(403);
    assertThat(status(() -> openForAgency(body.replace("\"field\": \"childIdentity\"",
        "\"field\": \"reporterContact\""), routing, officer))).as("never the reporter's contact").isEqualTo(403);

    // Once the referral is no longer in the unit's hands, nothing opens for it
    holds(caseId, "police-siem-reap-juvenile", ReferralState.COMPLETED);
    assertThat(status(() -> openForAgency(body, routing, officer))).as("completed").isEqualTo(403);

    // The opening is audited under the person's id, and so is every refusal after the vault read the person
    TestStack stack = TestStack.shared();
    List<ConsumerRecord<String, AuditEvent>> audit = TopicReader.read(stack.kafkaSettings(),
        Topics.AUDIT_EVENTS.name(), stack.serdes().valueSerde(Topics.AUDIT_EVENTS).deserializer(),
        record -> record.key().equals(caseId), 11, Duration.ofSeconds(30));
    IdentityAccessed accessed = (IdentityAccessed) audit.get(0).value().getEvent();
    assertThat(accessed.getActorId()).isEqualTo("officer-siem-reap");
    assertThat(accessed.getAudience()).isEqualTo(Audience.POLICE);
    assertThat(accessed.getField()).isEqualTo("childIdentity");
    assertThat(accessed.getPurpose()).isEqualTo("SAFETY_CHECK");
    List<IdentityAccessRefused> refusals = audit.stream().map(record -> record.value().getEvent())
        .filter(IdentityAccessRefused.class::isInstance).map(IdentityAccessRefused.class::cast).toList();
    assertThat(refusals).extracting(IdentityAccessRefused::getActorId, IdentityAccessRefused::getUnitId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("service-account-routing-service", null),
            org.assertj.core.groups.Tuple.tuple("officer-battambang", "police-battambang-juvenile"),
            org.assertj.core.groups.Tuple.tuple("service-account-routing-service", null),
            org.assertj.core.groups.Tuple.tuple("service-account-routing-service", null),
            org.assertj.core.groups.Tuple.tuple("officer-siem-reap", "police-siem-reap-juvenile"),
            org.assertj.core.groups.Tuple.tuple("supervisor-x", "police-siem-reap-juvenile"),
            org.assertj.core.groups.Tuple.tuple("officer-siem-reap", "police-siem-reap-juvenile"),
            org.assertj.core.groups.Tuple.tuple("officer-siem-reap", "police-siem-reap-juvenile"),
            org.assertj.core.groups.Tuple.tuple("officer-siem-reap", "police-siem-reap-juvenile"),
            org.assertj.core.groups.Tuple.tuple("officer-siem-reap", "police-siem-reap-juvenile"));
    assertThat(refusals).extracting(IdentityAccessRefused::getReason).contains(
        "the person's role does not do the work of POLICE", "not an agency's field, audience or purpose");
  }

  @Test
  void shouldTakeNoPersonsTokenThatIsWrongInAnyWay() {
    SealedIntakes.Recorded identity = recorded("childIdentity");
    holds(identity.caseId(), "police-siem-reap-juvenile", ReferralState.ACCEPTED);
    String routing = TestStack.shared().issuer().serviceBearer("routing-service");
    String body = "{\"caseId\": \"" + identity.caseId() + "\", \"field\": \"childIdentity\", \"audience\": "
        + "\"POLICE\", \"purpose\": \"SAFETY_CHECK\", \"sealed\": " + identity.json() + "}";
    // Addressed to the vault's service, so that each is wrong in its one way only
    ForgedTokens officer = new ForgedTokens(TestStack.shared().issuer(), "officer-siem-reap",
        List.of(Roles.POLICE_OFFICER), Map.of("unit", "police-siem-reap-juvenile"), List.of("vault-service"));

    for (Map.Entry<String, String> forged : officer.forged().entrySet()) {
      assertThat(status(() -> openForAgency(body, routing, forged.getValue()))).as(forged.getKey()).isEqualTo(403);
    }
    assertThat(openForAgency(body, routing, officer.valid()).get("value").toString()).contains("ស្រីពៅ");
  }

  /** Tells the vault, through case-states as routing does, that {@code unit} holds the case's police referral. */
  private void holds(String caseId, String unit, ReferralState state) {
    CaseStates.publishReferral(caseId, ++stateVersion, Service.POLICE, unit, state);
    boolean inHand = state == ReferralState.ACCEPTED || state == ReferralState.IN_PROGRESS;
    await().atMost(Duration.ofSeconds(30)).until(() -> holders.inHandOf(caseId, unit).isPresent() == inHand);
  }

  private long stateVersion;

  private SealedIntakes.Recorded recorded(String field) {
    return intakes.sealNew(field);
  }

  private Map<String, Object> openForAgency(String body, String bearer, String person) {
    var request = HttpRequest.POST("/api/v1/vault/agency-openings", body).contentType(MediaType.APPLICATION_JSON)
        .header("Authorization", bearer);
    if (person != null) {
      request.header(VaultApi.PERSON, person);
    }
    return client.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
  }

  private Map<String, Object> open(String body, String role) {
    return intakes.post("/api/v1/vault/openings", body, bearerOf(role), null);
  }

  /** A service's own token for its role; a person's for any other. */
  private static String bearerOf(String role) {
    return switch (role) {
      case Roles.ROUTING_SERVICE -> TestStack.shared().issuer().serviceBearer("routing-service");
      case Roles.NOTIFICATION_SERVICE -> TestStack.shared().issuer().serviceBearer("notification-service");
      case Roles.INTAKE_SERVICE -> SealedIntakes.intakeService();
      default -> BearerTokens.hotline("someone", role, SealedIntakes.HOTLINE);
    };
  }

  private String createIntake() {
    return recorded("childIdentity").caseId();
  }

  private Map<String, Object> seal(String caseId, String role) {
    String body = "{\"caseId\": \"" + caseId + "\", \"event\": \"ReferralProgressed\", \"field\": \"note\", "
        + "\"text\": \"" + NOTE + "\"}";
    return intakes.post("/api/v1/vault/seals", body, bearerOf(role), null);
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
