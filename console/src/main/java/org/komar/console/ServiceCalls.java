package org.komar.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.function.Function;
import org.komar.console.signin.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a page calls the services ({@link IntakeClient}, {@link RoutingClient}): with the signed-in person's own
 * access token from Keycloak (kept in their session, {@link Sessions#bearer}), so every service decides by that
 * person's role and unit, exactly as for any other client; and with every outcome as a status the page can show. An error status comes back as itself, a
 * service that cannot be reached or whose answer cannot be read as 503; a body only with a success.
 */
@Singleton
public final class ServiceCalls {

  /** A service's answer: its status, and its body when the status is a success (else null). */
  public record Answer<T>(int status, @Nullable T body) {

    /** The body, or {@code none} when there is none (an error, or an answer without a body). */
    public T bodyOr(T none) {
      return body == null ? none : body;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(ServiceCalls.class);
  /** Answers a page shows as they are: refused, not found, already done. */
  private static final Set<Integer> EXPECTED = Set.of(403, 404, 409);

  private final Sessions sessions;

  ServiceCalls(Sessions sessions) {
    this.sessions = sessions;
  }

  /**
   * Makes {@code call}, given the caller's {@code Authorization} header value. {@code request} names it in the
   * log ({@code "routing GET /api/v1/cases"}): the service and the path's first segments only, never an id or a
   * body.
   */
  public <T> Answer<T> call(HttpRequest<?> caller, String request, Function<String, HttpResponse<T>> call) {
    String authorization = sessions.bearer(caller);
    int status;
    T body = null;
    try {
      HttpResponse<T> response = call.apply(authorization);
      status = response.code();
      body = status < 300 ? response.getBody().orElse(null) : null;
    } catch (HttpClientResponseException e) {
      if (e.code() < 400) {
        // The client throws this for a success whose body does not read as the answer's record.
        LOG.warn("A service's answer could not be read: {}", e.getClass().getSimpleName());
        return new Answer<>(503, null);
      }
      status = e.code();
    } catch (CodecException e) {
      LOG.warn("A service's answer could not be read: {}", e.getClass().getSimpleName());
      return new Answer<>(503, null);
    } catch (HttpClientException e) {
      LOG.warn("A service could not be reached: {}", e.getClass().getSimpleName());
      return new Answer<>(503, null);
    }
    if (status >= 400 && !EXPECTED.contains(status)) {
      LOG.warn("{} answered {}", request, status);
    }
    return new Answer<>(status, body);
  }
}
