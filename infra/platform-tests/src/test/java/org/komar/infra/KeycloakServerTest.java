package org.komar.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.komar.infra.identity.KomarRealm;
import org.komar.infra.platform.SampleData;
import org.komar.infra.test.KomarStackExtension;
import org.komar.infra.test.TestStack;
import org.komar.schemas.security.Roles;

/**
 * Keycloak as the platform runs it (its built image, PostgreSQL storage) with Komar's realm: the tokens it
 * issues are signed by the realm's own key, which its JWKS publishes, and carry what the services will require
 * (issuer, audience, expiry) and what they decide on (roles, unit); a wrong secret or a guessed password gets
 * nothing.
 */
@ExtendWith(KomarStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, String> secrets = new HashMap<>();
  private final Map<String, String> passwords = new HashMap<>();
  private KeycloakServer keycloak;
  private Path folder;

  @BeforeAll
  void start(TestStack stack) throws Exception {
    folder = Files.createTempDirectory(Path.of("target"), "keycloak-");
    String database = "keycloak_" + UUID.randomUUID().toString().substring(0, 8);
    stack.postgres().createDatabase(database);
    KeycloakAdmin.Credentials admin = new KeycloakAdmin.Credentials("komar-admin", secret());
    keycloak = KeycloakServer.start(InfraLayout.fromBuild().keycloakHome(), Ports.free(), Ports.free(),
        stack.postgres().login(database), admin, folder, folder.resolve("keycloak.log"),
        List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    secrets.put(KomarRealm.CONSOLE, secret());
    KomarRealm.SERVICES.forEach(service -> secrets.put(service.clientId(), secret()));
    Map<KomarRealm.Account, String> accounts = new HashMap<>();
    SampleData.accounts().forEach(account -> {
      accounts.put(account, secret());
      passwords.put(account.username(), accounts.get(account));
    });
    KeycloakAdmin provisioning = new KeycloakAdmin(keycloak.url(), admin);
    // The realm an earlier Komar made: no public reporting page yet (its client, service account and role)
    com.fasterxml.jackson.databind.node.ObjectNode older =
        KomarRealm.local(secrets, List.of("http://127.0.0.1:8084/*"), accounts);
    ((com.fasterxml.jackson.databind.node.ArrayNode) older.get("clients"))
        .removeIf(client -> client.path("clientId").asText().equals(KomarRealm.REPORTING));
    ((com.fasterxml.jackson.databind.node.ArrayNode) older.get("users"))
        .removeIf(user -> user.path("serviceAccountClientId").asText().equals(KomarRealm.REPORTING));
    ((com.fasterxml.jackson.databind.node.ArrayNode) older.path("roles").path("realm"))
        .removeIf(role -> role.path("name").asText().equals(Roles.WEB_REPORTING));
    assertThat(provisioning.ensureRealm(older)).as("created").isTrue();
    // This Komar's realm on it: what it lacks is added, what it holds (people, passwords, secrets) stays
    assertThat(provisioning.ensureRealm(KomarRealm.local(secrets, List.of(), Map.of())))
        .as("an existing realm is not made again").isFalse();
  }

  @AfterAll
  void stop() {
    if (keycloak != null) {
      keycloak.close();
    }
    if (folder != null) {
      Folders.deleteWhatCan(folder);
    }
  }

  @Test
  void shouldGiveAServiceATokenSignedByTheRealmsKeyForTheServicesItCallsAndNoOther() throws Exception {
    HttpResponse<String> answer = token(Map.of("grant_type", "client_credentials", "client_id", "routing-service",
        "client_secret", secrets.get("routing-service")));

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode claims = verified(JSON.readTree(answer.body()).path("access_token").asText());
    assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer(KomarRealm.NAME));
    assertThat(audiences(claims)).containsExactly(KomarRealm.VAULT);
    assertThat(claims.path("azp").asText()).isEqualTo("routing-service");
    assertThat(claims.path("sub").asText()).as("sub").isNotBlank();
    assertThat(strings(claims.path("roles"))).containsExactly(Roles.ROUTING_SERVICE);
    long now = Instant.now().getEpochSecond();
    assertThat(claims.path("exp").asLong()).isBetween(now, now + 301);
  }

  @Test
  void shouldGiveThePublicPageAddedToAnOlderRealmATokenForIntakeAloneNamingItsHotline() throws Exception {
    HttpResponse<String> answer = token(Map.of("grant_type", "client_credentials", "client_id", KomarRealm.REPORTING,
        "client_secret", secrets.get(KomarRealm.REPORTING)));

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode claims = verified(JSON.readTree(answer.body()).path("access_token").asText());
    assertThat(audiences(claims)).containsExactly("intake-service");
    assertThat(strings(claims.path("roles"))).containsExactly(Roles.WEB_REPORTING);
    assertThat(claims.path("hotline").asText()).isEqualTo(KomarRealm.REPORTING_HOTLINE);
    assertThat(claims.has("unit")).isFalse();
  }

  @Test
  void shouldRefuseAServiceThatDoesNotKnowItsSecret() throws Exception {
    HttpResponse<String> answer = token(Map.of("grant_type", "client_credentials", "client_id", "routing-service",
        "client_secret", secrets.get("notification-service")));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).doesNotContain("access_token");
  }

  @Test
  void shouldCarryAPersonsUnitRolesAndNameIntoTheirTokenForTheServicesTheConsoleCalls() throws Exception {
    HttpResponse<String> answer = signIn("officer-siem-reap", passwords.get("officer-siem-reap"));

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode claims = verified(JSON.readTree(answer.body()).path("access_token").asText());
    assertThat(claims.path("unit").asText()).isEqualTo("police-siem-reap-juvenile");
    assertThat(claims.path("sub").asText()).as("sub").isNotBlank();
    assertThat(claims.path("preferred_username").asText()).isEqualTo("officer-siem-reap");
    assertThat(claims.has("hotline")).isFalse();
    assertThat(strings(claims.path("roles"))).containsExactly(Roles.POLICE_OFFICER);
    assertThat(claims.path("name").asText()).startsWith("Srey Mom");
    assertThat(audiences(claims)).containsExactlyInAnyOrderElementsOf(KomarRealm.PERSON_AUDIENCES);
  }

  @Test
  void shouldLockAnAccountOutAfterRepeatedWrongPasswords() throws Exception {
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(signIn("auditor", "not-the-password-" + attempt).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> right = signIn("auditor", passwords.get("auditor"));

    assertThat(right.statusCode()).as(right.body()).isNotEqualTo(200);
    assertThat(right.body()).doesNotContain("access_token");
  }

  private HttpResponse<String> signIn(String username, String password) throws Exception {
    return token(Map.of("grant_type", "password", "client_id", KomarRealm.LOCAL_CLI, "username", username,
        "password", password));
  }

  private HttpResponse<String> token(Map<String, String> form) throws Exception {
    String body = String.join("&", form.entrySet().stream().map(field -> field.getKey() + "="
        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).toList());
    return http.send(HttpRequest.newBuilder(URI.create(keycloak.issuer(KomarRealm.NAME)
            + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The token's claims, once its RS256 signature checks out against the key its header names in the JWKS. */
  private JsonNode verified(String token) throws Exception {
    String[] parts = token.split("\\.");
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    JsonNode keys = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(keycloak.issuer(KomarRealm.NAME)
        + "/protocol/openid-connect/certs")).build(), HttpResponse.BodyHandlers.ofString()).body()).path("keys");
    JsonNode key = null;
    for (JsonNode candidate : keys) {
      if (candidate.path("kid").asText().equals(header.path("kid").asText())) {
        key = candidate;
      }
    }
    assertThat(key).as("the signing key is in the realm's JWKS").isNotNull();
    PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
        new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
        new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initVerify(publicKey);
    signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(signature.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signature").isTrue();
    return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
  }

  private static List<String> audiences(JsonNode claims) {
    JsonNode aud = claims.path("aud");
    return aud.isArray() ? strings(aud) : List.of(aud.asText());
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static String secret() {
    byte[] random = new byte[18];
    new java.security.SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
