package org.komar.intake.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.komar.intake.intake.IntakeService;

/** The same Idempotency-Key with a different body: 409, as problem details. */
@Produces
@Singleton
public class IdempotencyConflictHandler
    implements ExceptionHandler<IntakeService.IdempotencyConflict, HttpResponse<?>> {

  private final ErrorResponseProcessor<?> problems;

  public IdempotencyConflictHandler(ErrorResponseProcessor<?> problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, IntakeService.IdempotencyConflict conflict) {
    return problems.processResponse(ErrorContext.builder(request).cause(conflict)
        .errorMessage(conflict.getMessage()).build(), HttpResponse.status(HttpStatus.CONFLICT));
  }
}
