package org.komar.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.komar.infra.test.ForgedTokens;
import org.komar.infra.test.TestStack;
import org.komar.intake.OnTestStack;
import org.komar.intake.SampleIntakes;
import org.komar.intake.Tokens;
import org.komar.schemas.security.Claims;
import org.komar.schemas.security.Roles;

/**
 * Who may do what: no token 401, a token of the wrong role 403, and 401 for any token the identity provider did
 * not issue for intake-service, or that has expired or never would.
 */
@MicronautTest(transactional = false)
class IntakeSecurityTest extends OnTestStack {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  Tokens tokens;

  @Inject
  ApplicationContext context;


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
  void shouldRefuseEveryTokenThatIsNotTheIdentityProvidersOwnForThisServiceAndStillValid() {
    ForgedTokens tokens = new ForgedTokens(TestStack.shared().issuer(), "operator-1",
        List.of(Roles.HOTLINE_OPERATOR), Map.of(Claims.HOTLINE, "hotline-1280"));

    // The same claims, signed and addressed right, pass: each refusal below is for its one defect.
    assertThat(status(intake().header("Authorization", tokens.valid()))).isEqualTo(201);
    tokens.forged().forEach((defect, bearer) ->
        assertThat(status(intake().header("Authorization", bearer))).as(defect).isEqualTo(401));
  }

  @Test
  void shouldHoldNoKeyThatSignsATokenItWouldTake() {
    // No local key of any kind: Keycloak's JWKS is the only way a token is checked here
    assertThat(context.getBeansOfType(SignatureConfiguration.class)).isEmpty();
    // micronaut-security-jwt always has a generator; without a key it can only make unsigned tokens, refused here
    for (TokenGenerator generator : context.getBeansOfType(TokenGenerator.class)) {
      generator.generateToken(io.micronaut.security.authentication.Authentication.build("operator-1",
          java.util.List.of(Roles.HOTLINE_OPERATOR), java.util.Map.of("hotline", "hotline-1280", "aud",
              "intake-service", "iss", TestStack.shared().issuer().issuer())), 600)
          .ifPresent(minted -> assertThat(status(intake().header("Authorization", "Bearer " + minted)))
              .as("a token this service minted itself").isEqualTo(401));
    }
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
  void shouldLetReportersCheckWithoutAnAccountAndMintNoToken() {
    assertThat(status(HttpRequest.POST("/api/v1/status-checks",
        "{\"caseReference\": \"ZZ-ZZZZ\", \"pin\": \"123456\", \"language\": \"ENGLISH\"}"))).isEqualTo(404);
    // The development token endpoint is gone: no service can sign a token.
    assertThat(status(HttpRequest.POST("/api/v1/dev/tokens",
        "{\"subject\": \"me\", \"roles\": [\"HOTLINE_SUPERVISOR\"]}"))).isEqualTo(404);
  }

}
