package org.komar.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** A field holds text that is not valid Unicode; answered 400 naming the field. */
public final class InvalidTextException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidTextException(String field) {
    super("Invalid text in " + field);
    this.field = field;
  }

  @Produces
  @Singleton
  static final class Handler implements ExceptionHandler<InvalidTextException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> problems;

    Handler(ErrorResponseProcessor<?> problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidTextException exception) {
      Error error = ProblemDetails.fieldError(exception.field,
          "must be valid Unicode text without control characters");
      return problems.processResponse(ErrorContext.builder(request).cause(exception).error(error).build(),
          HttpResponse.status(HttpStatus.BAD_REQUEST));
    }
  }
}
