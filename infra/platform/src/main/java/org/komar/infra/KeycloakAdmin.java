package org.komar.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keycloak's admin API as provisioning needs it: sign in as the master realm's administrator, and create a realm
 * from its whole representation unless it exists. An existing realm is left as it is: its people, their
 * passwords and their sessions are the deployment's, not provisioning's.
 */
public final class KeycloakAdmin {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** An administrator of the master realm. */
  public record Credentials(String username, String password) {

    @Override
    public String toString() {
      return "Credentials[" + username + "]";
    }
  }

  private final String url;
  private final Credentials admin;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public KeycloakAdmin(String url, Credentials admin) {
    this.url = url;
    this.admin = admin;
  }

  /**
   * Creates the realm unless one of its name exists; true when it was created. An existing realm gets every client
   * of {@code realm} it lacks (one made by an older Komar, before a service had its client, would let that service
   * get no token), with its service account and roles, by partial import; if that fails, it is refused here, naming
   * what is missing, rather than failing later call by call.
   */
  public boolean ensureRealm(ObjectNode realm) {
    String name = realm.path("realm").asText();
    String token = adminToken();
    HttpResponse<String> existing = send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + name))
        .header("Authorization", "Bearer " + token).GET());
    if (existing.statusCode() == 200) {
      HttpResponse<String> clients = send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + name
          + "/clients?max=1000")).header("Authorization", "Bearer " + token).GET());
      if (clients.statusCode() != 200) {
        throw new InfraException("Keycloak answered " + clients.statusCode() + " when asked for realm " + name
            + "'s clients");
      }
      java.util.Set<String> present = new java.util.HashSet<>();
      readTree(clients.body()).forEach(client -> present.add(client.path("clientId").asText()));
      List<String> missing = new ArrayList<>();
      realm.path("clients").forEach(client -> {
        if (!present.contains(client.path("clientId").asText())) {
          missing.add(client.path("clientId").asText());
        }
      });
      if (!missing.isEmpty()) {
        addMissing(name, token, realm, missing);
      }
      return false;
    }
    if (existing.statusCode() != 404) {
      throw new InfraException("Keycloak answered " + existing.statusCode() + " when asked for realm " + name);
    }
    HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url + "/admin/realms"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(realm.toString())));
    if (created.statusCode() != 201) {
      throw new InfraException("Keycloak refused realm " + name + " (" + created.statusCode() + "): "
          + created.body());
    }
    return true;
  }

  /**
   * Adds to a realm an older Komar made what it lacks: the clients {@code missing}, their service accounts and
   * their roles, as {@code realm} defines them. Keycloak's partial import skips everything that exists, so no
   * person, password or secret already there changes.
   */
  private void addMissing(String name, String token, ObjectNode realm, List<String> missing) {
    ObjectNode partial = JSON.createObjectNode().put("ifResourceExists", "SKIP");
    partial.set("roles", realm.path("roles"));
    partial.set("clients", realm.path("clients"));
    com.fasterxml.jackson.databind.node.ArrayNode users = partial.putArray("users");
    realm.path("users").forEach(user -> {
      if (missing.contains(user.path("serviceAccountClientId").asText())) {
        users.add(user);
      }
    });
    HttpResponse<String> imported = send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + name
        + "/partialImport")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(partial.toString())));
    if (imported.statusCode() != 200) {
      throw new InfraException("Keycloak's realm " + name + " has no client " + String.join(", ", missing)
          + " (it was made by an older Komar), and adding it failed (" + imported.statusCode() + "). Add the"
          + " client as KomarRealm defines it, or start from an empty realm (the local platform: ./komar reset,"
          + " which deletes its data).");
    }
  }

  private static JsonNode readTree(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new InfraException("Keycloak's answer was not JSON: " + e.getMessage(), e);
    }
  }

  private String adminToken() {
    String form = "grant_type=password&client_id=admin-cli&username=" + encode(admin.username())
        + "&password=" + encode(admin.password());
    HttpResponse<String> response = send(HttpRequest.newBuilder(
            URI.create(url + "/realms/master/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (response.statusCode() != 200) {
      throw new InfraException("Keycloak's administrator " + admin.username() + " could not sign in ("
          + response.statusCode() + "): is this the password Keycloak's database was created with?");
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      return body.path("access_token").asText();
    } catch (IOException e) {
      throw new InfraException("Keycloak's token answer was not JSON: " + e.getMessage(), e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new InfraException("Could not reach Keycloak at " + url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfraException("Interrupted while calling Keycloak", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
