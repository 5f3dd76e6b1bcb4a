package org.komar.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** What the service cannot do for a moment is a 503 with {@code Retry-After}; nothing was recorded. */
@Produces
@Singleton
public final class UnavailableHandler implements ExceptionHandler<TemporarilyUnavailableException, HttpResponse<?>> {

  private final ErrorResponseProcessor<?> problems;

  UnavailableHandler(ErrorResponseProcessor<?> problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, TemporarilyUnavailableException exception) {
    return problems.processResponse(ErrorContext.builder(request).cause(exception)
        .errorMessage(exception.getMessage()).build(),
        HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5"));
  }
}
