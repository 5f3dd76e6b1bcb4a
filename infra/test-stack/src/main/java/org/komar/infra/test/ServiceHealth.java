package org.komar.infra.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a running service for {@code GET /health} and checks that it is UP and that each named dependency
 * (micronaut-management's indicators: {@code kafka}, {@code jdbc}, ...) reports UP on its own, so that a
 * service cannot pass by not checking a dependency at all. Needs the details visible, as the test stack's
 * {@link TestStack#serviceProperties(String)} sets them.
 */
public final class ServiceHealth {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ServiceHealth() {
  }

  public static void assertUp(URI service, String... dependencies) {
    HttpResponse<String> response;
    try (HttpClient http = HttpClient.newHttpClient()) {
      response = http.send(HttpRequest.newBuilder(service.resolve("/health")).timeout(Duration.ofSeconds(30))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET /health on " + service + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
    JsonNode health = parse(response.body());
    if (response.statusCode() != 200 || !"UP".equals(health.path("status").asText())) {
      throw new AssertionError("GET /health answered " + response.statusCode() + ": " + response.body());
    }
    for (String dependency : dependencies) {
      String status = health.path("details").path(dependency).path("status").asText("absent");
      if (!"UP".equals(status)) {
        throw new AssertionError("Health of " + dependency + " is " + status + ": " + response.body());
      }
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("GET /health answered no JSON: " + body, e);
    }
  }
}
