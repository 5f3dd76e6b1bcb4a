package org.komar.routing.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.komar.routing.runtime.CaseStores;
import org.komar.routing.runtime.StoresUnavailableException;

/**
 * Hands a request to the instance of this service that keeps the case it is about, with the caller's own token,
 * so that instance decides what the caller may see or do. A request is handed on once at most: an instance that
 * receives a handed-on request for a case it no longer keeps (partitions moving) answers 503.
 * The JDK's own HTTP client, not a declarative one: the peer's address is known only per case, at call time (from
 * the Streams metadata), and every request is handed on with its own method and path, whatever they are.
 */
@Singleton
final class Peers {

  static final String FORWARDED = "Komar-Forwarded";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final JsonMapper json;
  private final CaseStores stores;

  Peers(JsonMapper json, CaseStores stores) {
    this.json = json;
    this.stores = stores;
  }

  boolean wasForwarded(HttpRequest<?> request) {
    return request.getHeaders().contains(FORWARDED);
  }

  /**
   * The parts of a list that the other instances hold (each answers the same request for what it keeps), for a
   * request that was not itself handed on; 503 if one cannot answer, so a list is never shown half.
   */
  <T> List<T> fromOtherInstances(HttpRequest<?> request, Argument<T> part) {
    List<T> parts = new ArrayList<>();
    if (wasForwarded(request)) {
      return parts;
    }
    for (HostInfo peer : stores.otherInstances()) {
      MutableHttpResponse<String> answer = forward(peer, request, Optional.empty());
      if (answer.status() != HttpStatus.OK) {
        throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Part of the answer cannot be read now");
      }
      try {
        parts.add(json.readValue(answer.body(), part));
      } catch (IOException e) {
        throw new HttpStatusException(HttpStatus.BAD_GATEWAY, "Another instance answered with something unreadable");
      }
    }
    return parts;
  }

  /**
   * The answer of the instance that keeps the case, to the same request with {@code body} as JSON; empty when
   * this instance keeps it and must answer itself.
   */
  Optional<HttpResponse<?>> fromKeeperOf(String caseId, HttpRequest<?> request, @Nullable Object body) {
    CaseStores.Owner owner = stores.ownerOf(caseId);
    if (owner.local()) {
      return Optional.empty();
    }
    return Optional.of(forward(owner.host(), request, Optional.ofNullable(body).map(this::write)));
  }

  /** The peer's answer, status and JSON body as they are. */
  MutableHttpResponse<String> forward(HostInfo peer, HttpRequest<?> request, Optional<String> body) {
    if (wasForwarded(request)) {
      throw new StoresUnavailableException();
    }
    URI uri = URI.create("http://" + peer.host() + ":" + peer.port() + request.getUri());
    java.net.http.HttpRequest.Builder call = java.net.http.HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(15)).header(FORWARDED, "1")
        .method(request.getMethodName(), body.map(java.net.http.HttpRequest.BodyPublishers::ofString)
            .orElse(java.net.http.HttpRequest.BodyPublishers.noBody()));
    request.getHeaders().getAuthorization().ifPresent(token -> call.header("Authorization", token));
    body.ifPresent(json -> call.header("Content-Type", MediaType.APPLICATION_JSON));
    try {
      java.net.http.HttpResponse<String> answer = http.send(call.build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(answer.statusCode()))
          .body(answer.body());
      answer.headers().firstValue("Content-Type").ifPresent(type -> response.contentType(type));
      return response;
    } catch (IOException e) {
      throw new StoresUnavailableException();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoresUnavailableException();
    }
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
