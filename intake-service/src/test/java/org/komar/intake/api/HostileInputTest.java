package org.komar.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.komar.intake.OnTestStack;
import org.komar.intake.SampleIntakes;
import org.komar.intake.Tokens;
import org.komar.infra.test.ForgedTokens;
import org.komar.infra.test.TestStack;
import org.komar.schemas.security.Claims;
import org.komar.schemas.security.Roles;

/**
 * Hostile and wrong requests: malformed, oversized, wrong types, invalid text, injection strings, missing or
 * forged or expired tokens. Each gets a 4xx (never a 5xx), stores nothing, and its problem names what is wrong
 * without repeating what was sent.
 */
@MicronautTest(transactional = false)
class HostileInputTest extends OnTestStack {


  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  Tokens tokens;

  @Inject
  TransactionOperations<Connection> transactions;


  /** A request to send, built with a valid operator token at hand. */
  record Case(String name, Function<HostileInputTest, MutableHttpRequest<?>> request, int status, String named) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String VALID = SampleIntakes.intake("x");

  private static Case body(String name, String json, int status, String field) {
    return new Case(name, test -> test.asOperator(HttpRequest.POST("/api/v1/intakes", json)
        .contentType(MediaType.APPLICATION_JSON)), status, field == null ? "" : "\"field\":\"" + field + "\"");
  }

  private static Case replaced(String name, String from, String to, String field) {
    if (!VALID.contains(from)) {
      throw new IllegalArgumentException(name + ": the sample has no " + from);
    }
    return body(name, VALID.replace(from, to), 400, field);
  }

  private static String list(String item, int count) {
    return String.join(", ", Collections.nCopies(count, item));
  }

  static Stream<Arguments> cases() {
    List<Case> cases = new ArrayList<>(List.of(
        replaced("missing province", "\"province\": \"SIEM_REAP\", ", "", "child.province"),
        replaced("unknown channel", "HOTLINE_PHONE", "TELEPATHY", "channel"),
        replaced("unknown province", "SIEM_REAP", "ATLANTIS", "child.province"),
        replaced("unknown category", "[\"SEXTORTION\"]", "[\"SEXTORTION\", \"GOSSIP\"]", "incidentCategories[1]"),
        replaced("no category", "[\"SEXTORTION\"]", "[]", "incidentCategories"),
        replaced("null category", "[\"SEXTORTION\"]", "[null]", null),
        replaced("bad date of birth", "2013-04-02", "2 April 2013", "child.identity.dateOfBirth"),
        replaced("date of birth not in the calendar", "2013-04-02", "2013-02-30", "child.identity.dateOfBirth"),
        replaced("date of birth in the future", "2013-04-02", "2099-04-02", "child.identity.dateOfBirth"),
        replaced("date of birth against the age band", "2013-04-02", "1970-04-02", "child.identity.dateOfBirth"),
        replaced("SQL in hotline id", "hotline-1280", "'; DROP TABLE intakes; --", "hotlineId"),
        replaced("script in hotline id", "hotline-1280", "<script>alert(1)</script>", "hotlineId"),
        replaced("object for a text", "\"hotline-1280\"", "{\"id\": 1280}", "hotlineId"),
        replaced("text for a flag", "\"femaleOfficer\": true", "\"femaleOfficer\": \"maybe\"",
            "preferences.femaleOfficer"),
        replaced("number for a flag", "\"femaleOfficer\": true", "\"femaleOfficer\": 1", "preferences.femaleOfficer"),
        replaced("missing flag", "\"femaleOfficer\": true, ", "", "preferences.femaleOfficer"),
        replaced("text for a consent", "\"granted\": true, \"givenBy\": \"CHILD_AND_GUARDIAN\"",
            "\"granted\": \"yes\", \"givenBy\": \"CHILD_AND_GUARDIAN\"", "consents[0].granted"),
        replaced("number for a risk", "\"HIGH\"", "3", "riskLevel"),
        replaced("text for the child", "\"child\": {", "\"child\": \"a girl\", \"x\": {", "child"),
        replaced("missing preferences",
            "\"preferences\": {\"femaleOfficer\": true, \"contactChannel\": \"PHONE_CALL\", \"language\": \"KHMER\"},",
            "", "preferences"),
        replaced("unknown contact channel", "PHONE_CALL", "CARRIER_PIGEON", "preferences.contactChannel"),
        replaced("unknown consent purpose", "\"POLICE_REFERRAL\"", "\"GOSSIP\"", "consents[0].purpose"),
        replaced("too many consents", "\"consents\": [",
            "\"consents\": [" + list("{\"purpose\": \"FOLLOW_UP\", \"granted\": true, \"givenBy\": \"CHILD\"}", 11)
                + ", ", "consents"),
        replaced("too many URLs", "\"contentUrls\": [", "\"contentUrls\": [" + list("\"https://e.org\"", 51) + ", ",
            "contentUrls"),
        replaced("URL too long", "\"https://t.me/+example\"", "\"https://e.org/" + "a".repeat(2_100) + "\"",
            "contentUrls[1]"),
        replaced("blank URL", "\"https://t.me/+example\"", "\"  \"", "contentUrls[1]"),
        replaced("javascript: URL", "\"https://t.me/+example\"", "\"javascript:alert(document.cookie)\"",
            "contentUrls[1]"),
        replaced("data: URL", "\"https://t.me/+example\"", "\"data:text/html;base64,PHNjcmlwdD4=\"",
            "contentUrls[1]"),
        replaced("too many handles", "\"narrative\"", "\"offenderHandles\": [" + list("\"@h\"", 21) + "], \"narrative\"",
            "offenderHandles"),
        replaced("script in a media hash", "\"narrative\"",
            "\"mediaHashes\": [{\"algorithm\": \"SHA256\", \"value\": \"<script>\"}], \"narrative\"", "mediaHashes[0].value"),
        replaced("unknown hash algorithm", "\"narrative\"",
            "\"mediaHashes\": [{\"algorithm\": \"CRC32\", \"value\": \"ab\"}], \"narrative\"", "mediaHashes[0].algorithm"),
        replaced("phone too long", "+855 12 555 0199", "+855 " + "1".repeat(60), "reporterContact.phone"),
        replaced("lone surrogate", "\"narrative\": \"x\"", "\"narrative\": \"x\\ud800y\"", "narrative"),
        replaced("control character in a name", SampleIntakes.CHILD_NAME, "Sok\\u0007", "child.identity.name"),
        body("narrative too long", SampleIntakes.intake("ក".repeat(20_001)), 400, "narrative"),
        body("truncated JSON", VALID.substring(0, VALID.length() / 2), 400, null),
        body("empty body", "", 400, null),
        body("JSON array", "[" + VALID + "]", 400, null),
        body("JSON null", "null", 400, null),
        body("too large", SampleIntakes.intake("x".repeat(70_000)), 413, null),
        new Case("invalid UTF-8", test -> test.asOperator(HttpRequest.POST("/api/v1/intakes", invalidUtf8())
            .contentType(MediaType.APPLICATION_JSON)), 400, ""),
        new Case("form content", test -> test.asOperator(HttpRequest.POST("/api/v1/intakes", "channel=CHAT")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)), 415, ""),
        new Case("XML content", test -> test.asOperator(HttpRequest.POST("/api/v1/intakes", "<intake/>")
            .contentType(MediaType.APPLICATION_XML)), 415, ""),
        new Case("short idempotency key", test -> test.asOperator(HttpRequest.POST("/api/v1/intakes", VALID)
            .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "abc")), 400, "Idempotency-Key"),
        new Case("idempotency key with spaces", test -> test.asOperator(HttpRequest.POST("/api/v1/intakes", VALID)
            .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "a key with spaces")), 400,
            "Idempotency-Key"),
        new Case("PUT on intakes", test -> test.asOperator(HttpRequest.create(HttpMethod.PUT, "/api/v1/intakes")
            .body(VALID).contentType(MediaType.APPLICATION_JSON)), 405, ""),
        new Case("no token", test -> HttpRequest.POST("/api/v1/intakes", VALID).contentType(MediaType.APPLICATION_JSON),
            401, ""),
        new Case("token of another key", test -> HttpRequest.POST("/api/v1/intakes", VALID)
            .contentType(MediaType.APPLICATION_JSON).header("Authorization",
                forged("signed by a key not in the JWKS")), 401, ""),
        new Case("expired token", test -> HttpRequest.POST("/api/v1/intakes", VALID)
            .contentType(MediaType.APPLICATION_JSON).header("Authorization", forged("expired")), 401, ""),
        new Case("unsigned token", test -> HttpRequest.POST("/api/v1/intakes", VALID)
            .contentType(MediaType.APPLICATION_JSON).header("Authorization", forged("unsigned (alg none)")),
            401, ""),
        new Case("token in the query", test -> HttpRequest.POST("/api/v1/intakes?access_token="
            + test.tokens.bearer("operator-1", Roles.HOTLINE_OPERATOR).substring(7), VALID)
            .contentType(MediaType.APPLICATION_JSON), 401, ""),
        new Case("auditor records an intake", test -> HttpRequest.POST("/api/v1/intakes", VALID)
            .contentType(MediaType.APPLICATION_JSON)
            .header("Authorization", test.tokens.bearer("auditor-1", Roles.AUDITOR)), 403, ""),
        new Case("SQL in a case reference", test -> test.asOperator(HttpRequest.GET(
            "/api/v1/intakes/%27%3B%20DROP%20TABLE%20intakes%3B--")), 400, ""),
        new Case("letters in a PIN", test -> HttpRequest.POST("/api/v1/status-checks",
            "{\"caseReference\": \"ZZ-ZZZZ\", \"pin\": \"12345a\", \"language\": \"KHMER\"}"), 400, "pin"),
        new Case("unknown answer language", test -> HttpRequest.POST("/api/v1/status-checks",
            "{\"caseReference\": \"ZZ-ZZZZ\", \"pin\": \"123456\", \"language\": \"KLINGON\"}"), 400, "language")));
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldRefuseWithAProblemAndStoreNothing(Case hostile) {
    long before = intakes();

    HttpClientResponseException refused = org.junit.jupiter.api.Assertions.assertThrows(
        HttpClientResponseException.class, () -> client.toBlocking().exchange(hostile.request().apply(this),
            String.class), hostile.name());

    assertThat(refused.getStatus().getCode()).as(hostile.name()).isEqualTo(hostile.status());
    String problem = refused.getResponse().getBody(String.class).orElse("");
    if (hostile.status() == 400) {
      assertThat(refused.getResponse().getContentType().map(MediaType::toString)).as(hostile.name())
          .contains("application/problem+json");
      assertThat(problem).as(hostile.name()).contains(hostile.named());
    }
    assertThat(problem).as(hostile.name()).doesNotContain("DROP TABLE").doesNotContain("<script>")
        .doesNotContain("TELEPATHY").doesNotContain("ATLANTIS").doesNotContain("Exception");
    assertThat(intakes()).as(hostile.name()).isEqualTo(before);
  }

  private MutableHttpRequest<?> asOperator(MutableHttpRequest<?> request) {
    return request.header("Authorization", tokens.bearer("operator-1", Roles.HOTLINE_OPERATOR));
  }

  private long intakes() {
    return transactions.executeRead(status -> {
      try (ResultSet row = status.getConnection().createStatement().executeQuery("SELECT count(*) FROM intakes")) {
        row.next();
        return row.getLong(1);
      }
    });
  }

  private static byte[] invalidUtf8() {
    byte[] valid = VALID.replace("\"x\"", "\"@@\"").getBytes(StandardCharsets.UTF_8);
    String text = new String(valid, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("@@");
    valid[at] = (byte) 0xC3;
    valid[at + 1] = (byte) 0x28;
    return valid;
  }

  private static String forged(String defect) {
    return new ForgedTokens(TestStack.shared().issuer(), "operator-1", List.of(Roles.HOTLINE_OPERATOR),
        Map.of(Claims.HOTLINE, "hotline-1280")).forged().get(defect);
  }

}
