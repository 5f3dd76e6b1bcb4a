package org.komar.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.komar.intake.SampleIntakes;
import org.komar.schemas.security.Roles;

@MicronautTest(transactional = false)
class MetricsTest extends OnTestStack {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  Tokens tokens;


  @Test
  void shouldExposeIntakeCountsOutboxLagAndRelayLatencyWithoutCaseData() {
    client.toBlocking().exchange(HttpRequest.POST("/api/v1/intakes", SampleIntakes.intake("x"))
        .contentType(MediaType.APPLICATION_JSON).header("Authorization", tokens.bearer("operator-1",
            Roles.HOTLINE_OPERATOR)));

    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      String metrics = client.toBlocking().retrieve(HttpRequest.GET("/prometheus")
          .header("Authorization", tokens.bearer("auditor-1", Roles.AUDITOR)));
      assertThat(metrics).contains("komar_intakes_recorded_total{channel=\"HOTLINE_PHONE\",risk=\"HIGH\"")
          .contains("komar_outbox_lag").contains("komar_outbox_relay_latency_seconds_count");
      assertThat(metrics).doesNotContain("SIEM_REAP").doesNotContain("ស្រីពៅ");
    });
  }

  @Test
  void shouldShowNothingToACallerWhoseRoleDoesNotReadThem() {
    assertThatThrownBy(() -> client.toBlocking().retrieve(HttpRequest.GET("/prometheus")
        .header("Authorization", tokens.bearer("operator-1", Roles.HOTLINE_OPERATOR))))
        .isInstanceOfSatisfying(HttpClientResponseException.class,
            refused -> assertThat(refused.getStatus().getCode()).isEqualTo(403));
  }

  @Test
  void shouldShowNothingToACallerWithoutAToken() {
    // The counters' labels and times date every report and its risk.
    assertThatThrownBy(() -> client.toBlocking().retrieve(HttpRequest.GET("/prometheus")))
        .isInstanceOfSatisfying(HttpClientResponseException.class,
            refused -> assertThat(refused.getStatus().getCode()).isEqualTo(401));
  }
}
