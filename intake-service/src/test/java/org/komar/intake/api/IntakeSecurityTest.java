package org.komar.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.komar.intake.OnTestStack;
import org.komar.intake.SampleIntakes;
import org.komar.intake.Tokens;
import org.komar.schemas.security.Roles;

/** Who may do what: no token 401, a token of the wrong role 403, a forged or expired token 401. */
@MicronautTest(transactional = false)
class IntakeSecurityTest extends OnTestStack {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  Tokens tokens;


  private int status(MutableHttpRequest<?> request) {
    try {
      return client.toBlocking().exchange(request, String.class).code();
    } catch (HttpClientResponseException e) {
      return e.getStatus().getCode();
    }
  }

  private static MutableHttpRequest<String> intake() {
    return HttpRequest.POST("/api/v1/intakes", SampleIntakes.intake("x")).contentType(MediaType.APPLICATION_JSON);
  }

  @Test
  void shouldRefuseAnIntakeWithoutAToken() {
    assertThat(status(intake())).isEqualTo(401);
  }

  @Test
  void shouldRefuseAnIntakeFromARoleThatMayNotRecordOne() {
    assertThat(status(intake().header("Authorization", tokens.bearer("auditor-1", Roles.AUDITOR)))).isEqualTo(403);
    assertThat(status(intake().header("Authorization",
        tokens.forHotline("hotline-kampot", "operator-9", Roles.HOTLINE_OPERATOR)))).as("another hotline")
        .isEqualTo(403);
    assertThat(status(intake().header("Authorization", tokens.bearer("operator-1", Roles.HOTLINE_OPERATOR))))
        .isEqualTo(201);
  }

  @Test
  void shouldRefuseAForgedATamperedAnExpiredAndANeverExpiringToken() throws Exception {
    String key = getProperties().get("micronaut.security.token.jwt.signatures.secret.generator.secret");
    String claims = "{\"sub\":\"operator-1\",\"roles\":[\"HOTLINE_OPERATOR\"],\"hotline\":\"hotline-1280\",\"exp\":";
    String valid = hs256(claims + Instant.now().plusSeconds(600).getEpochSecond() + "}", key);
    String forged = hs256(claims + Instant.now().plusSeconds(600).getEpochSecond() + "}",
        "not-the-service-key-not-the-service-key");
    String[] parts = valid.split("\\.");
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        (claims + Instant.now().plusSeconds(900).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8)) + "."
        + parts[2];
    String expired = hs256(claims + Instant.now().minusSeconds(60).getEpochSecond() + "}", key);
    String forever = hs256("{\"sub\":\"operator-1\",\"roles\":[\"HOTLINE_OPERATOR\"],\"hotline\":\"hotline-1280\"}",
        key);

    // The same claims signed with the service's key pass: each refusal below is for its one defect.
    assertThat(status(intake().header("Authorization", "Bearer " + valid))).isEqualTo(201);
    assertThat(status(intake().header("Authorization", "Bearer " + forged))).isEqualTo(401);
    assertThat(status(intake().header("Authorization", "Bearer " + tampered))).isEqualTo(401);
    assertThat(status(intake().header("Authorization", "Bearer " + expired))).isEqualTo(401);
    assertThat(status(intake().header("Authorization", "Bearer " + forever))).as("no exp").isEqualTo(401);
    assertThat(status(intake().header("Authorization", "Bearer not.a.token"))).isEqualTo(401);
  }

  @Test
  void shouldShowACasesStatusToItsOwnHotlinesStaffOnly() {
    String reference = client.toBlocking().retrieve(intake().header("Authorization",
        tokens.bearer("operator-1", Roles.HOTLINE_OPERATOR)), java.util.Map.class).get("caseReference").toString();

    assertThat(status(statusOf(reference, tokens.bearer("operator-2", Roles.HOTLINE_OPERATOR)))).isEqualTo(200);
    assertThat(status(statusOf(reference, tokens.bearer("supervisor-1", Roles.HOTLINE_SUPERVISOR)))).isEqualTo(200);
    // Another hotline's staff learn nothing of it, not even that it exists; an auditor and an agency's supervisor
    // may not ask.
    assertThat(status(statusOf(reference, tokens.forHotline("hotline-kampot", "operator-9",
        Roles.HOTLINE_OPERATOR)))).isEqualTo(404);
    assertThat(status(statusOf(reference, tokens.forHotline("hotline-kampot", "supervisor-9", Roles.HOTLINE_SUPERVISOR))))
        .isEqualTo(404);
    assertThat(status(statusOf(reference, tokens.bearer("auditor-1", Roles.AUDITOR)))).isEqualTo(403);
    assertThat(status(statusOf(reference, tokens.forUnit("police-national-ajp", "supervisor-7",
        Roles.AGENCY_SUPERVISOR)))).as("an agency's supervisor").isEqualTo(403);
    assertThat(status(statusOf(reference, tokens.forUnit("police-national-ajp", "supervisor-7",
        Roles.HOTLINE_SUPERVISOR)))).as("a hotline supervisor's role with no hotline").isEqualTo(404);
  }

  private static MutableHttpRequest<?> statusOf(String reference, String bearer) {
    return HttpRequest.GET("/api/v1/intakes/" + reference).header("Authorization", bearer);
  }

  @Test
  void shouldLetReportersCheckWithoutAnAccountAndKeepTheTokenMintOutOfThisEnvironment() {
    assertThat(status(HttpRequest.POST("/api/v1/status-checks",
        "{\"caseReference\": \"ZZ-ZZZZ\", \"pin\": \"123456\", \"language\": \"ENGLISH\"}"))).isEqualTo(404);
    assertThat(status(HttpRequest.POST("/api/v1/dev/tokens",
        "{\"subject\": \"me\", \"roles\": [\"HOTLINE_SUPERVISOR\"]}"))).isIn(401, 404);
  }

  private static String hs256(String claims, String key) throws Exception {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String signingInput = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return signingInput + "." + url.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
  }
}
