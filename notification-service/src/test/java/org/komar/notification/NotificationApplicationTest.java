package org.komar.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.komar.infra.test.TestStack;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationApplicationTest implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient client;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestStack.shared().serviceProperties("notification"));
    // Production hides health details; the test needs them to see each dependency's own status.
    properties.put("endpoints.health.details-visible", "ANONYMOUS");
    return properties;
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldAnswerHealthUpHavingReachedKafkaAndItsDatabase() {
    HttpResponse<Map<String, Object>> response = client.toBlocking()
        .exchange(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));

    assertThat(response.code()).isEqualTo(200);
    assertThat(response.body()).containsEntry("status", "UP");
    Map<String, Object> details = (Map<String, Object>) response.body().get("details");
    for (String dependency : List.of("kafka", "jdbc")) {
      assertThat((Map<String, Object>) details.get(dependency)).as(dependency).containsEntry("status", "UP");
    }
  }
}
