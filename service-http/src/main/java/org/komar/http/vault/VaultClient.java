package org.komar.http.vault;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.codec.CodecException;
import io.micronaut.security.oauth2.client.clientcredentials.ClientCredentialsClient;
import io.micronaut.security.oauth2.endpoint.token.response.TokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.komar.events.Audience;
import org.komar.events.SealedValue;
import org.komar.http.AccessRefusedException;
import org.komar.schemas.sealing.OpeningPurpose;
import reactor.core.publisher.Mono;

/**
 * The other services' way to the vault (vault-service): no service holds a data key of its own. It calls as
 * itself, with its own client's token from the identity provider (the client-credentials grant of the client
 * {@code micronaut.security.oauth2.clients.komar}, kept until shortly before it expires): the service's role, and
 * the vault among its audiences. The vault checks the role for each operation. No service can sign a token.
 * Plaintext goes over this call only, and is never logged. The requests and answers are the vault API's own
 * records ({@link SealRequest}, {@link OpenRequest}, {@link AgencyOpenRequest}, {@link SealedJson},
 * {@link OpenedValue}), which the vault's controller reads and writes too; the call itself is {@link VaultApi}'s.
 * Every method blocks until the vault answers: call it from a blocking executor, never from an event loop.
 */
@Singleton
@Requires(property = "komar.vault.url")
public final class VaultClient {

  private static final String SEALS = "api/v1/vault/seals";
  private static final String OPENINGS = "api/v1/vault/openings";
  private static final String AGENCY_OPENINGS = "api/v1/vault/agency-openings";
  private static final String INTAKE_SEALS = "api/v1/vault/intake-seals";
  private static final String HOTLINE_OPENINGS = "api/v1/vault/hotline-openings";
  private static final String ERASURES = "api/v1/vault/erasures";

  /** The vault's status and, for a success it could read, its body. */
  private record Answer<T>(int status, @Nullable T body) {
  }

  /** How long a call waits for the identity provider's token before the vault counts as out of reach. */
  private static final Duration TOKEN_WAIT = Duration.ofSeconds(10);

  private final ClientCredentialsClient tokens;
  private final VaultApi api;
  private final String service;

  VaultClient(@Named("komar") ClientCredentialsClient tokens, VaultApi api,
      @Value("${micronaut.application.name}") String service) {
    this.tokens = tokens;
    this.api = api;
    this.service = service;
  }

  /** The note of an event, sealed for the audiences its schema gives; throws {@link VaultException} if not. */
  public SealedValue sealNote(String caseId, String event, String text) {
    return read(SEALS, send(SEALS, bearer -> api.seal(bearer, new SealRequest(caseId, event, "note", text))))
        .toSealedValue();
  }

  /**
   * Opens a sealed field of a case as this service's audience, for a stated purpose; the vault audits it. Throws
   * {@link AccessRefusedException} when the vault refuses it, {@link CaseErasedException} when the case was erased.
   */
  public String open(String caseId, String field, SealedValue sealed, String purpose) {
    Answer<OpenedValue> answer = send(OPENINGS, bearer -> api.open(bearer,
        new OpenRequest(caseId, field, SealedJson.of(sealed), purpose)));
    if (answer.status() == 403) {
      throw new AccessRefusedException("The vault refuses to open " + field + " for this service");
    }
    return read(OPENINGS, answer).value();
  }

  /**
   * Opens a sealed field of a case for a person of an agency unit, as the audience of that unit's service; only
   * routing-service may ask, and only with the person's own token ({@code person}, their {@code Bearer} value):
   * the vault checks for itself that the person's unit holds an accepted referral of the case for that service, and
   * audits the opening, or the refusal, under the person's id. Throws {@link AccessRefusedException} when the vault
   * refuses it, {@link CaseErasedException} when the case was erased.
   */
  public String openForAgency(String caseId, String field, SealedValue sealed, Audience audience, String person,
      OpeningPurpose purpose) {
    Answer<OpenedValue> answer = send(AGENCY_OPENINGS, bearer -> api.openForAgency(bearer, person,
        new AgencyOpenRequest(caseId, field, SealedJson.of(sealed), audience, purpose)));
    if (answer.status() == 403) {
      throw new AccessRefusedException("The vault refuses to open " + field + " for this person as " + audience);
    }
    return read(AGENCY_OPENINGS, answer).value();
  }

  /**
   * Seals the fields of a new intake (field name to plaintext) in one call, creating the case's data key and binding
   * the case to {@code hotlineId}; only intake-service may ask. The audiences are the vault's to give.
   */
  public Map<String, SealedValue> sealIntake(String caseId, String hotlineId, Map<String, String> fields) {
    IntakeSeals seals = read(INTAKE_SEALS, send(INTAKE_SEALS, bearer -> api.sealIntake(bearer,
        new IntakeSealRequest(caseId, hotlineId, fields))));
    Map<String, SealedValue> sealed = new LinkedHashMap<>();
    fields.keySet().forEach(field -> {
      SealedJson value = seals.sealed() == null ? null : seals.sealed().get(field);
      if (value == null) {
        throw new VaultException("The vault did not seal " + field);
      }
      sealed.put(field, value.toSealedValue());
    });
    return sealed;
  }

  /**
   * Opens a sealed field of a case for a hotline's operator or supervisor ({@code person}, their own {@code Bearer}
   * value), as the hotline's audience; only intake-service may ask, and the vault checks for itself that the person
   * works for the case's hotline, and audits the opening or the refusal under their id. Throws
   * {@link AccessRefusedException} when the vault refuses it, {@link CaseErasedException} when the case was erased.
   */
  public String openForHotline(String caseId, String field, SealedValue sealed, String person, String purpose) {
    Answer<OpenedValue> answer = send(HOTLINE_OPENINGS, bearer -> api.openForHotline(bearer, person,
        new HotlineOpenRequest(caseId, field, SealedJson.of(sealed), purpose)));
    if (answer.status() == 403) {
      throw new AccessRefusedException("The vault refuses to open " + field + " for this person");
    }
    return read(HOTLINE_OPENINGS, answer).value();
  }

  /**
   * Crypto-shreds a case for a hotline supervisor ({@code person}, their own {@code Bearer} value): true if this
   * call erased it, false if it was erased before. Throws {@link AccessRefusedException} when the vault refuses.
   */
  public boolean erase(String caseId, String person, String reason) {
    Answer<Erasure> answer = send(ERASURES, bearer -> api.erase(bearer, person, new ErasureRequest(caseId, reason)));
    if (answer.status() == 403) {
      throw new AccessRefusedException("The vault refuses to erase this case for this person");
    }
    return read(ERASURES, answer).erased();
  }

  /** This service's access token: cached by the client until shortly before it expires, then asked for again. */
  private String serviceToken() {
    try {
      TokenResponse response = Mono.from(tokens.requestToken()).block(TOKEN_WAIT);
      if (response == null || response.getAccessToken() == null) {
        throw new VaultException("The identity provider gave " + service + " no token");
      }
      return response.getAccessToken();
    } catch (VaultException e) {
      throw e;
    } catch (RuntimeException e) {
      // The provider's answer (an error page, a refusal that names the client) is not repeated.
      throw new VaultException("No token for " + service + " from the identity provider: "
          + e.getClass().getSimpleName());
    }
  }

  private static <T> T read(String path, Answer<T> answer) {
    if (answer.status() == 410) {
      throw new CaseErasedException();
    }
    if (answer.status() != 200) {
      throw new VaultException("The vault answered " + answer.status() + " to " + path);
    }
    if (answer.body() == null) {
      throw new VaultException("The vault's answer to " + path + " cannot be read");
    }
    return answer.body();
  }

  /** The vault's answer to {@code call}, made with the service's token; an error status is an answer too. */
  private <T> Answer<T> send(String path, Function<String, HttpResponse<T>> call) {
    String token = serviceToken();
    try {
      HttpResponse<T> response = call.apply("Bearer " + token);
      return new Answer<>(response.code(), response.code() == 200 ? response.getBody().orElse(null) : null);
    } catch (HttpClientResponseException e) {
      // An error status, or a success whose body does not read as the answer (then read() says so). Its message
      // may repeat the vault's problem detail: it is not kept.
      return new Answer<>(e.code(), null);
    } catch (CodecException e) {
      throw new VaultException("The vault's answer to " + path + " cannot be read");
    } catch (HttpClientException e) {
      Throwable failure = e.getCause() == null ? e : e.getCause();
      throw new VaultException("The vault cannot be reached: " + failure.getClass().getSimpleName());
    } catch (RuntimeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new VaultException("Interrupted while calling the vault");
      }
      throw e;
    }
  }
}
