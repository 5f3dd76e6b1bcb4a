package org.komar.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.komar.infra.test.TestStack;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient client;

  @Override
  public Map<String, String> getProperties() {
    return TestStack.shared().serviceProperties("intake");
  }

  @Test
  void shouldServeTheOpenApiDocumentGeneratedFromTheCodeAndItsUiWithoutACdn() {
    String document = client.toBlocking().retrieve(HttpRequest.GET("/swagger/komar-intake-service-1.yml"));
    String ui = client.toBlocking().retrieve(HttpRequest.GET("/swagger-ui/index.html"));

    assertThat(document).contains("/api/v1/intakes:").contains("/api/v1/status-checks:")
        .contains("Idempotency-Key").doesNotContain("/api/v1/dev/tokens");
    assertThat(ui).contains("komar-intake-service-1.yml").doesNotContain("unpkg.com").doesNotContain("cdn.");
  }
}
