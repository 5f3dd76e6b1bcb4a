package org.komar.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.komar.intake.OnTestStack;
import org.komar.intake.SampleIntakes;
import org.komar.intake.Tokens;
import org.komar.schemas.security.Roles;

@MicronautTest(transactional = false)
class IdentityApiTest extends OnTestStack {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  Tokens tokens;


  private Map<String, Object> createIntake() {
    return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/intakes", SampleIntakes.intake("x"))
        .contentType(MediaType.APPLICATION_JSON).header("Authorization", tokens.bearer("operator-1",
            Roles.HOTLINE_OPERATOR)), Argument.mapOf(String.class, Object.class));
  }

  private Result call(String path, String body, String subject, String role) {
    try {
      String answer = client.toBlocking().retrieve(HttpRequest.POST(path, body)
          .contentType(MediaType.APPLICATION_JSON).header("Authorization", tokens.bearer(subject, role)));
      return new Result(200, answer);
    } catch (HttpClientResponseException e) {
      return new Result(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""));
    }
  }

  private record Result(int status, String body) {
  }

  @Test
  void shouldOpenTheReporterContactForTheHotlineOnlyWithAPurpose() {
    String reference = (String) createIntake().get("caseReference");
    String openings = "/api/v1/intakes/" + reference + "/openings";

    Result contact = call(openings, "{\"field\": \"reporterContact\", \"purpose\": \"CONTACT_REPORTER\"}",
        "operator-1", Roles.HOTLINE_OPERATOR);
    Result identity = call(openings, "{\"field\": \"childIdentity\", \"purpose\": \"CASE_REVIEW\"}",
        "operator-1", Roles.HOTLINE_OPERATOR);
    Result otherHotline;
    try {
      otherHotline = new Result(200, client.toBlocking().retrieve(HttpRequest.POST(openings,
          "{\"field\": \"reporterContact\", \"purpose\": \"CONTACT_REPORTER\"}").contentType(MediaType.APPLICATION_JSON)
          .header("Authorization", tokens.forHotline("hotline-kampot", "operator-9", Roles.HOTLINE_OPERATOR))));
    } catch (HttpClientResponseException e) {
      otherHotline = new Result(e.getStatus().getCode(), "");
    }
    Result auditor = call(openings, "{\"field\": \"reporterContact\", \"purpose\": \"CONTACT_REPORTER\"}",
        "auditor-1", Roles.AUDITOR);
    Result noPurpose = call(openings, "{\"field\": \"reporterContact\", \"purpose\": \"Call Sophea on 012\"}",
        "operator-1",
        Roles.HOTLINE_OPERATOR);

    assertThat(contact.status()).isEqualTo(200);
    assertThat(contact.body()).contains("+855 12 555 0199");
    assertThat(identity.status()).isEqualTo(403);
    assertThat(otherHotline.status()).as("another hotline's operator").isEqualTo(403);
    assertThat(identity.body()).doesNotContain("ស្រីពៅ");
    assertThat(auditor.status()).isEqualTo(403);
    assertThat(noPurpose.status()).isEqualTo(400);
    // Free text cannot be a purpose: it would reach the audit trail in clear.
    assertThat(noPurpose.body()).contains("purpose").doesNotContain("Sophea");
  }

  @Test
  void shouldEraseACaseSoThatNothingOfItOpensAgain() {
    Map<String, Object> created = createIntake();
    String reference = (String) created.get("caseReference");
    String reason = "{\"reason\": \"GUARDIAN_REQUEST\"}";

    Result byOperator = call("/api/v1/intakes/" + reference + "/erasure", reason, "operator-1", Roles.HOTLINE_OPERATOR);
    Result bySupervisor = call("/api/v1/intakes/" + reference + "/erasure", reason, "supervisor-3", Roles.HOTLINE_SUPERVISOR);
    Result again = call("/api/v1/intakes/" + reference + "/erasure", reason, "supervisor-3", Roles.HOTLINE_SUPERVISOR);
    Result opening = call("/api/v1/intakes/" + reference + "/openings",
        "{\"field\": \"reporterContact\", \"purpose\": \"CONTACT_REPORTER\"}", "supervisor-3", Roles.HOTLINE_SUPERVISOR);

    assertThat(byOperator.status()).isEqualTo(403);
    assertThat(bySupervisor.status()).isEqualTo(200);
    assertThat(bySupervisor.body()).contains("ERASED");
    assertThat(again.status()).isEqualTo(410);
    assertThat(opening.status()).isEqualTo(410);
    String check = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/status-checks",
        "{\"caseReference\": \"%s\", \"pin\": \"%s\", \"language\": \"ENGLISH\"}".formatted(reference,
            created.get("reporterPin"))));
    assertThat(check).contains("This report is closed");
  }
}
