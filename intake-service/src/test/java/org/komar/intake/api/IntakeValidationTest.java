package org.komar.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.komar.infra.test.TestStack;
import org.komar.intake.SampleIntakes;
import org.komar.intake.Tokens;

/** Wrong requests get a 4xx problem naming what is wrong, and store nothing. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeValidationTest implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  Tokens tokens;

  @Inject
  TransactionOperations<Connection> transactions;

  @Override
  public Map<String, String> getProperties() {
    return TestStack.shared().serviceProperties("intake");
  }

  static Stream<Arguments> badRequests() {
    String valid = SampleIntakes.intake("x");
    return Stream.of(
        Arguments.of("missing province", valid.replace("\"province\": \"SIEM_REAP\", ", ""), "application/json",
            400, "child.province"),
        Arguments.of("unknown channel", valid.replace("HOTLINE_PHONE", "TELEPATHY"), "application/json", 400,
            "\"field\":\"channel\""),
        Arguments.of("unknown province", valid.replace("SIEM_REAP", "ATLANTIS"), "application/json", 400,
            "\"field\":\"child.province\""),
        Arguments.of("object for a name", valid.replace("\"hotline-1280\"", "{\"id\": 1280}"), "application/json",
            400, "hotlineId"),
        Arguments.of("unknown category", valid.replace("[\"SEXTORTION\"]", "[\"SEXTORTION\", \"GOSSIP\"]"),
            "application/json", 400, "\"field\":\"incidentCategories[1]\""),
        Arguments.of("no category", valid.replace("[\"SEXTORTION\"]", "[]"), "application/json", 400,
            "\"field\":\"incidentCategories\""),
        Arguments.of("bad date of birth", valid.replace("2013-04-02", "2 April 2013"), "application/json", 400,
            "\"field\":\"child.identity.dateOfBirth\""),
        Arguments.of("bad hotline id", valid.replace("hotline-1280", "'; DROP TABLE intakes; --"),
            "application/json", 400, "\"field\":\"hotlineId\""),
        Arguments.of("narrative too long", SampleIntakes.intake("ក".repeat(20_001)), "application/json", 400,
            "\"field\":\"narrative\""),
        Arguments.of("malformed JSON", valid.substring(0, valid.length() / 2), "application/json", 400, ""),
        Arguments.of("not JSON", "channel=HOTLINE_PHONE", "application/x-www-form-urlencoded", 415, ""),
        Arguments.of("too large", SampleIntakes.intake("x".repeat(70_000)), "application/json", 413, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void shouldRefuseNamingTheProblemAndStoreNothing(String name, String body, String contentType, int status,
      String named) {
    long before = intakes();

    HttpClientResponseException refused = org.junit.jupiter.api.Assertions.assertThrows(
        HttpClientResponseException.class, () -> client.toBlocking().exchange(
            HttpRequest.POST("/api/v1/intakes", body).contentType(MediaType.of(contentType))
                .header("Authorization", tokens.bearer("operator-1", "HOTLINE_OPERATOR")), String.class));

    assertThat(refused.getStatus().getCode()).as(name).isEqualTo(status);
    String problem = refused.getResponse().getBody(String.class).orElse("");
    if (status == 400) {
      assertThat(refused.getResponse().getContentType().map(MediaType::toString)).contains("application/problem+json");
      assertThat(problem).as(name).contains(named);
    }
    assertThat(problem).doesNotContain("DROP TABLE").doesNotContain("TELEPATHY").doesNotContain("ATLANTIS");
    assertThat(intakes()).isEqualTo(before);
  }

  private long intakes() {
    return transactions.executeRead(status -> {
      try (ResultSet row = status.getConnection().createStatement().executeQuery("SELECT count(*) FROM intakes")) {
        row.next();
        return row.getLong(1);
      }
    });
  }
}
