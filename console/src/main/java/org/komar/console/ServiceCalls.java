package org.komar.console;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The services' APIs, called with the signed-in person's own token (the session cookie's JWT), so every
 * service decides by that person's role and unit, exactly as for any other client.
 */
@Singleton
public final class ServiceCalls {

  /** The services the console calls. */
  public enum Service { INTAKE, ROUTING }

  /** A service's answer: its status and its JSON body, read as a map. */
  public record Answer(int status, Map<String, Object> body) {

    public String field(String name) {
      Object value = body.get(name);
      return value == null ? null : value.toString();
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json;
  private final Map<Service, URI> bases;

  ServiceCalls(ObjectMapper json, @Value("${komar.console.intake-url}") String intake,
      @Value("${komar.console.routing-url}") String routing) {
    this.json = json;
    this.bases = Map.of(Service.INTAKE, URI.create(intake), Service.ROUTING, URI.create(routing));
  }

  public Answer post(HttpRequest<?> caller, Service service, String path, Object body) {
    try {
      return call(caller, java.net.http.HttpRequest.newBuilder(bases.get(service).resolve(path))
          .header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
    } catch (IOException e) {
      return new Answer(503, Map.of());
    }
  }

  public Answer get(HttpRequest<?> caller, Service service, String path) {
    return call(caller, java.net.http.HttpRequest.newBuilder(bases.get(service).resolve(path)).GET());
  }

  @SuppressWarnings("unchecked")
  private Answer call(HttpRequest<?> caller, java.net.http.HttpRequest.Builder request) {
    String token = caller.getCookies().findCookie("JWT").map(Cookie::getValue).orElse("");
    try {
      HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(15))
          .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      Map<String, Object> body = response.body().length == 0 || response.body()[0] != '{' ? Map.of()
          : json.readValue(response.body(), Map.class);
      return new Answer(response.statusCode(), body);
    } catch (IOException e) {
      return new Answer(503, Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(503, Map.of());
    }
  }
}
