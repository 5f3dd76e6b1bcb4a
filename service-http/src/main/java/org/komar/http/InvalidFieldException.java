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

/**
 * A field's value is well-formed but cannot be true or cannot be taken (a date of birth in the future, one that
 * contradicts the age band): answered 400, a problem detail naming the field and why, never repeating the value. For
 * what the constraints of a request record cannot say alone.
 */
public class InvalidFieldException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  /**
   * @param field the field's path in the request, as the constraint handler names fields ({@code child.identity.x})
   * @param reason Komar's own words, shown to the caller: never the value sent
   */
  public InvalidFieldException(String field, String reason) {
    super(field + " " + reason);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  @Produces
  @Singleton
  static final class Handler implements ExceptionHandler<InvalidFieldException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> problems;

    Handler(ErrorResponseProcessor<?> problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidFieldException exception) {
      Error error = ProblemDetails.fieldError(exception.field, exception.reason);
      return problems.processResponse(ErrorContext.builder(request).cause(exception).error(error).build(),
          HttpResponse.status(HttpStatus.BAD_REQUEST));
    }
  }
}
