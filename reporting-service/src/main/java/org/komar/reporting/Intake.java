package org.komar.reporting;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.oauth2.client.clientcredentials.ClientCredentialsClient;
import io.micronaut.security.oauth2.endpoint.token.response.TokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.komar.events.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * intake-service as the page needs it, every outcome a value the page can show. A report is recorded with the page's
 * own client-credentials token from the identity provider (role {@code WEB_REPORTING}, the hotline's {@code hotline}
 * claim): intake records it as that hotline's web report, and the token lets it do nothing else. The log names what
 * went wrong, never what was sent or answered.
 */
@Singleton
final class Intake {

  /** What a report came to. */
  sealed interface Recording {
  }

  /** Recorded: what the reporter keeps to follow it. */
  record Recorded(String caseReference, String pin) implements Recording {
  }

  /** Not recorded, and intake said why (a status); the reporter may try again or call. */
  record NotRecorded(int status) implements Recording {
  }

  /** A status check's answer, in the reporter's language: the message, and whether it found the report. */
  record Answer(int status, String message) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
  private static final Duration TOKEN_WAIT = Duration.ofSeconds(10);

  private final IntakeApi api;
  private final ClientCredentialsClient tokens;

  Intake(IntakeApi api, @Named("komar") ClientCredentialsClient tokens) {
    this.api = api;
    this.tokens = tokens;
  }

  /** Records {@code intake}; {@code idempotencyKey} makes a retry of the same report find it, not make another. */
  Recording record(Map<String, Object> intake, String idempotencyKey) {
    Optional<String> token = serviceToken();
    if (token.isEmpty()) {
      return new NotRecorded(503);
    }
    try {
      HttpResponse<Map<String, Object>> response = api.record("Bearer " + token.get(), idempotencyKey, intake);
      Map<String, Object> body = response.getBody().orElse(Map.of());
      Object reference = body.get("caseReference");
      Object pin = body.get("reporterPin");
      if (response.code() != 201 || reference == null || pin == null) {
        LOG.warn("intake answered a web report with {} and no reference", response.code());
        return new NotRecorded(503);
      }
      return new Recorded(reference.toString(), pin.toString());
    } catch (HttpClientResponseException e) {
      LOG.warn("intake refused a web report: {}", e.code());
      return new NotRecorded(e.code());
    } catch (HttpClientException e) {
      LOG.warn("intake could not be reached: {}", e.getClass().getSimpleName());
      return new NotRecorded(503);
    }
  }

  /** The status check: intake answers in simple words, and locks a reference after too many wrong PINs. */
  Answer check(String caseReference, String pin, Language language) {
    try {
      HttpResponse<Map<String, Object>> response = api.check(Map.of("caseReference", caseReference, "pin", pin,
          "language", language.name()));
      return new Answer(response.code(), String.valueOf(response.getBody().orElse(Map.of()).get("message")));
    } catch (HttpClientResponseException e) {
      if (e.code() == 404 || e.code() == 429) {
        // intake's own words for "not found" and "too many tries", in the reporter's language
        Object detail = e.getResponse().getBody(Map.class).map(problem -> problem.get("detail")).orElse(null);
        return new Answer(e.code(), detail == null ? null : detail.toString());
      }
      LOG.warn("intake answered a status check with {}", e.code());
      return new Answer(e.code(), null);
    } catch (HttpClientException e) {
      LOG.warn("intake could not be reached: {}", e.getClass().getSimpleName());
      return new Answer(503, null);
    }
  }

  /** The page's access token: cached by the client until shortly before it expires, then asked for again. */
  private Optional<String> serviceToken() {
    try {
      TokenResponse response = Mono.from(tokens.requestToken()).block(TOKEN_WAIT);
      return Optional.ofNullable(response).map(TokenResponse::getAccessToken);
    } catch (RuntimeException e) {
      LOG.warn("No token from the identity provider: {}", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }
}
