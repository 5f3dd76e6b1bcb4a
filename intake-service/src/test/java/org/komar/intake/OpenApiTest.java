package org.komar.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class OpenApiTest extends OnTestStack {

  @Inject
  @Client("/")
  HttpClient client;


  @Test
  void shouldServeTheOpenApiDocumentGeneratedFromTheCodeAndItsUiWithoutACdn() {
    String document = client.toBlocking().retrieve(HttpRequest.GET("/swagger/komar-intake-service-1.yml"));
    String ui = client.toBlocking().retrieve(HttpRequest.GET("/swagger-ui/index.html"));

    assertThat(document).contains("/api/v1/intakes:").contains("/api/v1/status-checks:")
        .contains("Idempotency-Key").doesNotContain("/api/v1/dev/tokens");
    assertThat(ui).contains("komar-intake-service-1.yml").doesNotContain("unpkg.com").doesNotContain("cdn.");
  }
}
