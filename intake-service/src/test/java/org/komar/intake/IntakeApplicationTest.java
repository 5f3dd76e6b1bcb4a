package org.komar.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.komar.infra.test.TestStack;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeApplicationTest implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient client;

  @Override
  public Map<String, String> getProperties() {
    return TestStack.shared().serviceProperties("intake");
  }

  @Test
  void shouldAnswerHealthUpWhenItsInfrastructureIsReachable() {
    HttpResponse<Map<String, Object>> response = client.toBlocking()
        .exchange(HttpRequest.GET("/health"), io.micronaut.core.type.Argument.mapOf(String.class, Object.class));

    assertThat(response.code()).isEqualTo(200);
    assertThat(response.body()).containsEntry("status", "UP");
  }
}
