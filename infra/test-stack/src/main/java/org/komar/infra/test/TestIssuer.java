package org.komar.infra.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.komar.infra.InfraException;
import org.komar.infra.Ports;
import org.komar.infra.identity.KomarRealm;
import org.komar.infra.identity.PasswordSignIn;
import org.komar.schemas.security.Claims;

/**
 * The identity provider as the services' own tests meet it, where starting Keycloak for every module would cost
 * more than the tests: an RSA key pair, its JWKS and a client-credentials token endpoint, served on 127.0.0.1 at
 * the paths Keycloak serves them ({@code <issuer>/protocol/openid-connect/certs} and {@code .../token}), so a
 * service is configured exactly as it is for Keycloak. A service client's token carries what
 * {@link KomarRealm#SERVICES} gives it in the realm: its role, and the services it calls as its audiences.
 * The journey and the console's browser test sign in through the real Keycloak instead ({@link TestKeycloak}).
 */
public final class TestIssuer implements AutoCloseable, Identity {

  private static final String CERTS_PATH = "/protocol/openid-connect/certs";
  /** The lifetime of the tokens this issuer hands out, as Keycloak's realm sets it. */
  static final int LIFETIME_SECONDS = 300;

  private final RSAKey key;
  private final HttpServer server;
  private final String issuer;
  private final SecretKeySpec secrets;

  private TestIssuer(RSAKey key, HttpServer server, SecretKeySpec secrets) {
    this.key = key;
    this.server = server;
    this.secrets = secrets;
    this.issuer = "http://" + Ports.LOOPBACK + ":" + server.getAddress().getPort() + "/realms/" + KomarRealm.NAME;
  }

  /** Starts the issuer on a free loopback port. */
  static TestIssuer start() {
    try {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, 0), 16);
      TestIssuer issuer = new TestIssuer(newKey(), server, new SecretKeySpec(secret, "HmacSHA256"));
      String realm = "/realms/" + KomarRealm.NAME;
      server.createContext(realm + CERTS_PATH, issuer::certs);
      server.createContext(realm + PasswordSignIn.TOKEN_PATH, issuer::token);
      server.start();
      return issuer;
    } catch (IOException e) {
      throw new InfraException("Could not start the test issuer: " + e.getMessage(), e);
    }
  }

  /** A fresh RSA signing key, with a key id; also a key that no JWKS of this issuer publishes. */
  public static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String issuer() {
    return issuer;
  }

  /** The id of the key its tokens are signed with, as its JWKS names it. */
  public String keyId() {
    return key.getKeyID();
  }

  /** The public key as its JWKS publishes it: anyone can read it. */
  public String publicKeyJson() {
    return key.toPublicJWK().toJSONString();
  }

  /** A service client's secret: its own, derived from this issuer's random key. */
  @Override
  public String clientSecret(String clientId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secrets);
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(clientId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A person's token as Keycloak gives it to the console: this issuer, the services the console calls as its
   * audiences, five minutes, their roles and the claims that scope them.
   */
  public String personToken(String subject, List<String> roles, Map<String, Object> claims) {
    return sign(claims(subject, roles, KomarRealm.PERSON_AUDIENCES, claims).build(), key);
  }

  /** The claims every token of this issuer carries, to be changed by a test that forges one. */
  public JWTClaimsSet.Builder claims(String subject, List<String> roles, List<String> audiences,
      Map<String, Object> claims) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audiences)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(LIFETIME_SECONDS)))
        .jwtID(UUID.randomUUID().toString()).claim(Claims.ROLES, roles);
    claims.forEach(builder::claim);
    return builder;
  }

  /**
   * A service's own token, as the token endpoint gives it to the service's client: its role, and the services it
   * calls as audiences ({@link KomarRealm#SERVICES}). For tests that act as a service, or as one broken into.
   */
  public String serviceBearer(String clientId) {
    return "Bearer " + serviceToken(KomarRealm.SERVICES.stream().filter(s -> s.clientId().equals(clientId))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("No service client " + clientId)));
  }

  private String serviceToken(KomarRealm.ServiceClient service) {
    Map<String, Object> claims = new java.util.HashMap<>(Map.of("azp", service.clientId()));
    service.hotline().ifPresent(hotline -> claims.put(Claims.HOTLINE, hotline));
    return sign(claims("service-account-" + service.clientId(), List.of(service.role()), service.calls(), claims)
        .build(), key);
  }

  /** {@code claims} signed with this issuer's key. */
  public String sign(JWTClaimsSet claims) {
    return sign(claims, key);
  }

  /** {@code claims} signed RS256 with {@code signingKey}, named by its key id as Keycloak does. */
  public static String sign(JWTClaimsSet claims, RSAKey signingKey) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
          .keyID(signingKey.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(signingKey));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private void certs(HttpExchange exchange) throws IOException {
    answer(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
  }

  /** The client-credentials grant, with the client's id and secret in HTTP Basic or in the form. */
  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Map<String, String> client = basic(exchange).orElse(form);
    String clientId = client.getOrDefault("client_id", "");
    Optional<KomarRealm.ServiceClient> service = KomarRealm.SERVICES.stream()
        .filter(candidate -> candidate.clientId().equals(clientId)).findFirst();
    if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))) {
      answer(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
    } else if (service.isEmpty() || !MessageDigest.isEqual(clientSecret(clientId).getBytes(StandardCharsets.UTF_8),
        client.getOrDefault("client_secret", "").getBytes(StandardCharsets.UTF_8))) {
      answer(exchange, 401, "{\"error\":\"invalid_client\"}");
    } else {
      String token = serviceToken(service.get());
      answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
          + LIFETIME_SECONDS + "}");
    }
  }

  private static Optional<Map<String, String>> basic(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Basic ")) {
      return Optional.empty();
    }
    String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return Optional.of(Map.of("client_id", URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
        "client_secret", URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
