package org.komar.http.vault;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.komar.events.Audience;
import org.komar.events.SealedValue;
import org.komar.http.AccessRefusedException;
import org.komar.schemas.sealing.OpeningPurpose;
import org.komar.schemas.security.Roles;

/**
 * The other services' way to the vault (intake-service): no service holds a data key of its own. It calls as
 * itself, with a 60-second token it signs with the platform's key: subject the service's name, role its name in
 * capitals ({@link Roles#ofService}: {@code routing-service} → {@link Roles#ROUTING_SERVICE}), which the vault
 * checks for each operation.
 * Plaintext goes over this call only, and is never logged. The requests and answers are the vault API's own
 * records ({@link SealRequest}, {@link OpenRequest}, {@link AgencyOpenRequest}, {@link SealedJson},
 * {@link OpenedValue}), which the vault's controller reads and writes too.
 */
@Singleton
@Requires(property = "komar.vault.url")
public final class VaultClient {

  private final TokenGenerator tokens;
  private final JsonMapper json;
  private final URI vault;
  private final String service;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  VaultClient(TokenGenerator tokens, JsonMapper json, @Value("${komar.vault.url}") String vaultUrl,
      @Value("${micronaut.application.name}") String service) {
    this.tokens = tokens;
    this.json = json;
    this.vault = URI.create(vaultUrl.replaceAll("/+$", "") + "/");
    this.service = service;
  }

  /** The note of an event, sealed for the audiences its schema gives; throws {@link VaultException} if not. */
  public SealedValue sealNote(String caseId, String event, String text) {
    return call("api/v1/vault/seals", new SealRequest(caseId, event, "note", text), SealedJson.class)
        .toSealedValue();
  }

  /** Opens a sealed field of a case as this service's audience, for a stated purpose; the vault audits it. */
  public String open(String caseId, String field, SealedValue sealed, String purpose) {
    return call("api/v1/vault/openings", new OpenRequest(caseId, field, SealedJson.of(sealed), purpose),
        OpenedValue.class).value();
  }

  /**
   * Opens a sealed field of a case for a person of an agency unit, as the audience of that unit's service; only
   * routing-service may, once it has checked that the person's unit holds an accepted referral of the case. The
   * vault audits the opening under the person's id. Throws {@link AccessRefusedException} when the value is not
   * sealed for that audience, {@link CaseErasedException} when the case was erased.
   */
  public String openForAgency(String caseId, String field, SealedValue sealed, Audience audience, String actorId,
      OpeningPurpose purpose) {
    String path = "api/v1/vault/agency-openings";
    HttpResponse<byte[]> response = send(path, new AgencyOpenRequest(caseId, field, SealedJson.of(sealed), audience,
        actorId, purpose));
    if (response.statusCode() == 403) {
      throw new AccessRefusedException(field + " is not sealed for " + audience);
    }
    return read(path, response, OpenedValue.class).value();
  }

  private <T> T call(String path, Object body, Class<T> answer) {
    return read(path, send(path, body), answer);
  }

  private <T> T read(String path, HttpResponse<byte[]> response, Class<T> answer) {
    if (response.statusCode() == 410) {
      throw new CaseErasedException();
    }
    if (response.statusCode() != 200) {
      throw new VaultException("The vault answered " + response.statusCode() + " to " + path);
    }
    try {
      return json.readValue(response.body(), answer);
    } catch (IOException e) {
      throw new VaultException("The vault's answer to " + path + " cannot be read");
    }
  }

  private HttpResponse<byte[]> send(String path, Object body) {
    String token = tokens.generateToken(Authentication.build(service, List.of(Roles.ofService(service))), 60)
        .orElseThrow(() -> new VaultException(service + " cannot sign a token for the vault"));
    try {
      return http.send(HttpRequest.newBuilder(vault.resolve(path))
          .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new VaultException("The vault cannot be reached: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VaultException("Interrupted while calling the vault");
    }
  }
}
