package org.komar.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.List;

/**
 * Invalid fields: 400 with one problem entry per field, named by its JSON path in the body
 * ({@code child.identity.dateOfBirth}, {@code contentUrls[2]}), never repeating the submitted value.
 */
@Produces
@Singleton
@Replaces(ConstraintExceptionHandler.class)
@Requires(property = ProblemDetails.ENABLED, notEquals = "false")
public class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

  private final ErrorResponseProcessor<?> problems;

  public ConstraintViolationHandler(ErrorResponseProcessor<?> problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
    List<Error> errors = exception.getConstraintViolations().stream()
        .map(violation -> ProblemDetails.fieldError(field(violation), violation.getMessage()))
        .sorted(java.util.Comparator.comparing(error -> error.getPath().orElse("")))
        .toList();
    return problems.processResponse(ErrorContext.builder(request).cause(exception).errors(errors).build(),
        HttpResponse.status(HttpStatus.BAD_REQUEST));
  }

  /** The body path of a violation: the method and its parameter are left out. */
  static String field(ConstraintViolation<?> violation) {
    StringBuilder path = new StringBuilder();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
          || node.getKind() == ElementKind.RETURN_VALUE) {
        // A header parameter is the field itself, named as sent.
        if (node.getKind() == ElementKind.PARAMETER && node.getName().equals("idempotencyKey")) {
          path.append("Idempotency-Key");
        }
        continue;
      }
      if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
        path.append('[').append(node.getIndex() == null ? "" : node.getIndex()).append(']');
        continue;
      }
      if (node.getIndex() != null && path.length() > 0) {
        path.append('[').append(node.getIndex()).append(']');
      }
      if (node.getName() != null && !node.getName().isEmpty()) {
        path.append(path.length() == 0 ? "" : ".").append(node.getName());
      }
    }
    return path.toString();
  }
}
