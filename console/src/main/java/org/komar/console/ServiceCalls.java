package org.komar.console;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.komar.console.signin.SessionCookie;

/**
 * The services' APIs, called with the signed-in person's own token (the session cookie's JWT), so every
 * service decides by that person's role and unit, exactly as for any other client.
 */
@Singleton
public final class ServiceCalls {

  /** The services the console calls. */
  public enum Service { INTAKE, ROUTING }

  /** A service's answer: its status and its JSON body (an object read as a map, an array as a list). */
  public record Answer(int status, Object body) {

    public String field(String name) {
      Object value = body instanceof Map<?, ?> object ? object.get(name) : null;
      return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object() {
      return body instanceof Map<?, ?> ? (Map<String, Object>) body : Map.of();
    }

    @SuppressWarnings("unchecked")
    public java.util.List<Map<String, Object>> list() {
      return body instanceof java.util.List<?> ? (java.util.List<Map<String, Object>>) body : java.util.List.of();
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServiceCalls.class);
  private static final io.micronaut.core.type.Argument<Map<String, Object>> OBJECT =
      io.micronaut.core.type.Argument.mapOf(String.class, Object.class);
  /** Answers a page shows as they are: refused, not found, already done. */
  private static final java.util.Set<Integer> EXPECTED = java.util.Set.of(403, 404, 409);

  /** HTTP/1.1: the services speak it, and an h2c upgrade on a GET is not worth the round trip. */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
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

  private static String firstSegments(String path) {
    String[] parts = path.split("/");
    return String.join("/", java.util.Arrays.copyOfRange(parts, 1, Math.min(parts.length, 4)));
  }

  private Answer call(HttpRequest<?> caller, java.net.http.HttpRequest.Builder request) {
    String token = SessionCookie.of(caller).orElse("");
    try {
      HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(15))
          .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      byte[] bytes = response.body();
      Object body = bytes.length == 0 ? Map.of()
          : bytes[0] == '{' ? json.readValue(bytes, OBJECT)
          : bytes[0] == '[' ? json.readValue(bytes, io.micronaut.core.type.Argument.listOf(OBJECT)) : Map.of();
      if (response.statusCode() >= 400 && !EXPECTED.contains(response.statusCode())) {
        // The status and the path's first segments only: never an id, never a body.
        LOG.warn("{} answered {} to {} /{}", response.uri().getAuthority(), response.statusCode(),
            response.request().method(), firstSegments(response.uri().getPath()));
      }
      return new Answer(response.statusCode(), body);
    } catch (io.micronaut.serde.exceptions.SerdeException e) {
      LOG.warn("A service's answer could not be read: {}", e.getClass().getSimpleName());
      return new Answer(503, Map.of());
    } catch (IOException e) {
      LOG.warn("A service could not be reached: {}", e.getClass().getSimpleName());
      return new Answer(503, Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(503, Map.of());
    }
  }
}
