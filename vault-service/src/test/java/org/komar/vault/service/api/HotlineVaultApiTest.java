package org.komar.vault.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.komar.vault.service.api.SealedIntakes.status;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.komar.events.AuditEvent;
import org.komar.events.CaseErased;
import org.komar.events.IdentityAccessRefused;
import org.komar.events.IdentityAccessed;
import org.komar.infra.test.BearerTokens;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.schemas.Topics;
import org.komar.schemas.security.Roles;
import org.komar.vault.service.OnTestStack;

/**
 * The vault's API for intake-service: it seals a whole intake in one call, for the audiences of the schema, and binds
 * the case to its hotline; it opens and erases only for that hotline's own staff, by their own token, whatever intake
 * asks. Intake broken into can record cases but open none.
 */
@MicronautTest(transactional = false)
class HotlineVaultApiTest extends OnTestStack {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  org.komar.vault.service.store.VaultService vault;

  private SealedIntakes intakes;

  @BeforeAll
  void intakes() {
    intakes = new SealedIntakes(client);
  }

  @Test
  void shouldSealAnIntakeForTheAudiencesOfItsSchemaAndOnlyForIntake() {
    String caseId = UUID.randomUUID().toString();
    Map<String, Object> answer = intakes.sealIntake(caseId, SealedIntakes.HOTLINE, SealedIntakes.intakeService());

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> sealed = (Map<String, Map<String, Object>>) answer.get("sealed");
    assertThat(sealed).containsOnlyKeys("childIdentity", "narrative", "reporterContact", "reporterPin");
    assertThat(sealed.get("reporterPin").get("audiences")).isEqualTo(List.of("HOTLINE"));
    assertThat(sealed.get("reporterContact").get("audiences")).isEqualTo(List.of("HOTLINE", "NOTIFICATION"));
    assertThat(sealed.get("childIdentity").get("audiences").toString()).contains("POLICE").doesNotContain(
        "NOTIFICATION", "TAKEDOWN");
    assertThat(answer.toString()).doesNotContain(SealedIntakes.CHILD_NAME, SealedIntakes.REPORTER_PHONE);

    // Nobody else seals an intake, and a case stays with the hotline it was bound to
    String other = UUID.randomUUID().toString();
    assertThat(status(() -> intakes.sealIntake(other, SealedIntakes.HOTLINE,
        TestStack.shared().issuer().serviceBearer("routing-service")))).isEqualTo(403);
    assertThat(status(() -> intakes.sealIntake(other, SealedIntakes.HOTLINE,
        BearerTokens.hotline("operator-1", Roles.HOTLINE_OPERATOR, SealedIntakes.HOTLINE)))).isEqualTo(403);
    assertThat(status(() -> intakes.sealIntake(caseId, "hotline-other", SealedIntakes.intakeService())))
        .as("another hotline's intake under this case").isEqualTo(409);
    assertThat(status(() -> intakes.post("/api/v1/vault/intake-seals", "{\"caseId\": \"" + other
        + "\", \"hotlineId\": \"h\", \"fields\": {\"note\": \"x\"}}", SealedIntakes.intakeService(), null)))
        .as("a field no intake has").isEqualTo(400);
  }

  @Test
  void shouldOpenOnlyForTheCasesOwnHotlineStaffAndAuditEveryRefusal() {
    Map<String, SealedIntakes.Recorded> intake1 = intakes.sealNew();
    String caseId = intake1.get("reporterContact").caseId();
    String intake = SealedIntakes.intakeService();
    String operator = BearerTokens.hotline("operator-1", Roles.HOTLINE_OPERATOR, SealedIntakes.HOTLINE);
    String body = "{\"caseId\": \"" + caseId + "\", \"field\": \"reporterContact\", "
        + "\"purpose\": \"CONTACT_REPORTER\", \"sealed\": " + intake1.get("reporterContact").json() + "}";

    assertThat(open(body, intake, operator).get("value").toString()).contains(SealedIntakes.REPORTER_PHONE);
    // intake broken into: alone, for another hotline's operator, with an agency's person, its own token as the person's
    assertThat(status(() -> open(body, intake, null))).as("no person").isEqualTo(403);
    assertThat(status(() -> open(body, intake, BearerTokens.hotline("operator-9", Roles.HOTLINE_OPERATOR,
        "hotline-other")))).as("another hotline's operator").isEqualTo(403);
    assertThat(status(() -> open(body, intake, BearerTokens.agency("officer-siem-reap", Roles.POLICE_OFFICER,
        "police-siem-reap-juvenile")))).as("an officer through intake").isEqualTo(403);
    assertThat(status(() -> open(body, intake, intake))).as("its own token as the person's").isEqualTo(403);
    assertThat(status(() -> open(body, BearerTokens.hotline("operator-1", Roles.HOTLINE_OPERATOR,
        SealedIntakes.HOTLINE), operator))).as("the person directly").isEqualTo(403);
    assertThat(status(() -> open(body, TestStack.shared().issuer().serviceBearer("routing-service"), operator)))
        .as("routing").isEqualTo(403);

    // The hotline's own staff, through intake, but a field not sealed for the hotline: the child's identity
    String identity = "{\"caseId\": \"" + caseId + "\", \"field\": \"childIdentity\", \"purpose\": \"CASE_REVIEW\", "
        + "\"sealed\": " + intake1.get("childIdentity").json() + "}";
    assertThat(status(() -> open(identity, intake, operator))).as("the child's identity").isEqualTo(403);

    List<ConsumerRecord<String, AuditEvent>> audit = audit(caseId, 6);
    IdentityAccessed accessed = (IdentityAccessed) audit.get(0).value().getEvent();
    assertThat(accessed.getActorId()).isEqualTo("operator-1");
    assertThat(accessed.getPurpose()).isEqualTo("CONTACT_REPORTER");
    assertThat(audit.subList(1, 6)).extracting(record -> record.value().getEvent())
        .allMatch(IdentityAccessRefused.class::isInstance)
        .extracting(event -> ((IdentityAccessRefused) event).getActorId())
        .containsExactly("service-account-intake-service", "operator-9", "officer-siem-reap",
            "service-account-intake-service", "operator-1");
  }

  @Test
  void shouldEraseOnlyForASupervisorOfTheCasesHotlineAndThenOpenNothing() {
    SealedIntakes.Recorded contact = intakes.sealNew("reporterContact");
    String caseId = contact.caseId();
    String intake = SealedIntakes.intakeService();
    String supervisor = BearerTokens.hotline("supervisor-1", Roles.HOTLINE_SUPERVISOR, SealedIntakes.HOTLINE);
    String erasure = "{\"caseId\": \"" + caseId + "\", \"reason\": \"CHILD_REQUEST\"}";

    assertThat(status(() -> erase(erasure, intake, null))).as("intake alone").isEqualTo(403);
    assertThat(status(() -> erase(erasure, intake, BearerTokens.hotline("operator-1", Roles.HOTLINE_OPERATOR,
        SealedIntakes.HOTLINE)))).as("an operator").isEqualTo(403);
    assertThat(status(() -> erase(erasure, intake, BearerTokens.hotline("supervisor-9", Roles.HOTLINE_SUPERVISOR,
        "hotline-other")))).as("another hotline's supervisor").isEqualTo(403);
    assertThat(status(() -> erase(erasure, TestStack.shared().issuer().serviceBearer("routing-service"),
        supervisor))).as("routing").isEqualTo(403);

    assertThat(erase(erasure, intake, supervisor).get("erased")).isEqualTo(true);
    assertThat(erase(erasure, intake, supervisor).get("erased")).as("erased before").isEqualTo(false);
    String body = "{\"caseId\": \"" + caseId + "\", \"field\": \"reporterContact\", "
        + "\"purpose\": \"CONTACT_REPORTER\", \"sealed\": " + contact.json() + "}";
    assertThat(status(() -> open(body, intake, supervisor))).as("nothing opens once erased").isEqualTo(410);
    assertThat(audit(caseId, 1).getFirst().value().getEvent()).isInstanceOfSatisfying(CaseErased.class,
        erased -> assertThat(erased.getActorId()).isEqualTo("supervisor-1"));
  }

  @Test
  void shouldOpenAndEraseNothingOfACaseBoundToNoHotline() {
    // A key with no hotline: a case recorded before the vault kept one, not yet bound by an operator
    String caseId = UUID.randomUUID().toString();
    org.komar.events.SealedValue contact = vault.vault().seal(caseId, "reporterContact",
        List.of(org.komar.events.Audience.HOTLINE), SealedIntakes.REPORTER_PHONE);
    String supervisor = BearerTokens.hotline("supervisor-1", Roles.HOTLINE_SUPERVISOR, SealedIntakes.HOTLINE);
    assertThat(status(() -> intakes.post("/api/v1/vault/hotline-openings", jsonBody(caseId, contact),
        SealedIntakes.intakeService(), supervisor))).as("opening").isEqualTo(403);
    assertThat(status(() -> erase("{\"caseId\": \"" + caseId + "\", \"reason\": \"CHILD_REQUEST\"}",
        SealedIntakes.intakeService(), supervisor))).as("erasure").isEqualTo(403);
    assertThat(vault.hasKey(caseId)).as("the key is kept").isTrue();
  }

  private static String jsonBody(String caseId, org.komar.events.SealedValue sealed) {
    byte[] bytes = new byte[sealed.getCiphertext().remaining()];
    sealed.getCiphertext().duplicate().get(bytes);
    return "{\"caseId\": \"" + caseId + "\", \"field\": \"reporterContact\", \"purpose\": \"CONTACT_REPORTER\", "
        + "\"sealed\": {\"keyId\": \"" + sealed.getKeyId() + "\", \"audiences\": [\"HOTLINE\"], \"ciphertext\": \""
        + java.util.Base64.getEncoder().encodeToString(bytes) + "\"}}";
  }

  private Map<String, Object> open(String body, String bearer, String person) {
    return intakes.post("/api/v1/vault/hotline-openings", body, bearer, person);
  }

  private Map<String, Object> erase(String body, String bearer, String person) {
    return intakes.post("/api/v1/vault/erasures", body, bearer, person);
  }

  private static List<ConsumerRecord<String, AuditEvent>> audit(String caseId, int count) {
    TestStack stack = TestStack.shared();
    return TopicReader.read(stack.kafkaSettings(), Topics.AUDIT_EVENTS.name(),
        stack.serdes().valueSerde(Topics.AUDIT_EVENTS).deserializer(), record -> record.key().equals(caseId), count,
        Duration.ofSeconds(30));
  }
}
