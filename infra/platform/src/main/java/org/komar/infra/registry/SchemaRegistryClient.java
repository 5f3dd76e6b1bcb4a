package org.komar.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Registers Komar's schemas explicitly, through the registry's Confluent-compatible API.
 *
 * <p>Production serializers never auto-register: a schema reaches the registry only through this client, so a
 * change the registry's compatibility rule refuses fails here, with the registry's own reason, before any
 * event is written with it.
 *
 * <p>The JDK's own HTTP client: the platform registers the schemas before any service runs, and runs without
 * Micronaut, so it has no declarative client.
 */
public final class SchemaRegistryClient {

  /** The compatibility rules the registry enforces between versions of a subject. */
  public enum Compatibility { NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE }

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  // One client for the JVM: an HttpClient holds a selector thread until it is closed.
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;

  /** @param confluentCompatibleUrl such as {@code http://127.0.0.1:18080/apis/ccompat/v7} */
  public SchemaRegistryClient(String confluentCompatibleUrl) {
    this.baseUrl = confluentCompatibleUrl.replaceAll("/+$", "");
  }

  /** Registers the schema under the subject (or finds it registered already) and returns its global id. */
  public int register(String subject, Schema schema) {
    String body = json(Map.of("schemaType", "AVRO", "schema", schema.toString()));
    return send("register " + schema.getFullName() + " under " + subject,
        request("/subjects/" + encode(subject) + "/versions").POST(HttpRequest.BodyPublishers.ofString(body)))
        .path("id").asInt();
  }

  /** Sets the rule for one subject. */
  public void setCompatibility(String subject, Compatibility compatibility) {
    send("set compatibility of " + subject, request("/config/" + encode(subject))
        .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("compatibility", compatibility.name())))));
  }

  /** Sets the rule for every subject that has none of its own. */
  public void setDefaultCompatibility(Compatibility compatibility) {
    send("set the default compatibility", request("/config")
        .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("compatibility", compatibility.name())))));
  }

  /** The rule for subjects that have none of their own. */
  public Compatibility defaultCompatibility() {
    return Compatibility.valueOf(send("read the default compatibility", request("/config").GET())
        .path("compatibilityLevel").asText());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", CONTENT_TYPE)
        .header("Accept", CONTENT_TYPE);
  }

  private JsonNode send(String action, HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SchemaRegistryException(action, 0, "registry unreachable at " + baseUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(action, 0, "interrupted", e);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      String reason = body.hasNonNull("message") ? body.get("message").asText() : response.body();
      throw new SchemaRegistryException(action, response.statusCode(), reason, null);
    }
    return body;
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", body);
    }
  }

  private static String json(Map<String, String> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }
}
