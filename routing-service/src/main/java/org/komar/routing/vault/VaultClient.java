package org.komar.routing.vault;

import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.komar.events.Audience;
import org.komar.events.SealedValue;

/**
 * Seals an agency's free-text note through the vault (intake-service) before it goes anywhere: routing holds no
 * key of its own. It calls as {@code routing-service}, with a short-lived token of its own.
 */
@Singleton
public final class VaultClient {

  @Serdeable
  record SealRequest(String caseId, String event, String field, String text) {
  }

  @Serdeable
  record Sealed(String keyId, List<Audience> audiences, String ciphertext) {
  }

  private final TokenGenerator tokens;
  private final JsonMapper json;
  private final URI seals;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  VaultClient(TokenGenerator tokens, JsonMapper json, @Value("${komar.vault.url}") String vaultUrl) {
    this.tokens = tokens;
    this.json = json;
    this.seals = URI.create(vaultUrl.replaceAll("/+$", "") + "/api/v1/vault/seals");
  }

  /** The note of an event, sealed for the audiences its schema gives; throws {@link VaultException} if not. */
  public SealedValue sealNote(String caseId, String event, String text) {
    String token = tokens.generateToken(Authentication.build("routing-service", List.of("ROUTING_SERVICE")), 60)
        .orElseThrow(() -> new VaultException("routing-service cannot sign a token for the vault"));
    try {
      HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(seals).timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(
              new SealRequest(caseId, event, "note", text)))).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() == 410) {
        throw new CaseErasedException();
      }
      if (answer.statusCode() != 200) {
        throw new VaultException("The vault answered " + answer.statusCode() + " to sealing a note");
      }
      Sealed sealed = json.readValue(answer.body(), Sealed.class);
      return new SealedValue(sealed.keyId(), sealed.audiences(),
          ByteBuffer.wrap(Base64.getDecoder().decode(sealed.ciphertext())));
    } catch (IOException e) {
      throw new VaultException("The vault cannot be reached: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VaultException("Interrupted while sealing a note");
    }
  }
}
