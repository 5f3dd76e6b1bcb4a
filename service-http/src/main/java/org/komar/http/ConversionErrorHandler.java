package org.komar.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A body that does not fit the request's types (an unknown enum value, a number where text belongs): 400 naming
 * the JSON field, such as {@code channel} or {@code child.province}, and for an enum the values it accepts.
 * The submitted value is not repeated.
 */
@Produces
@Singleton
@Replaces(io.micronaut.http.server.exceptions.ConversionErrorHandler.class)
@Requires(property = ProblemDetails.ENABLED, notEquals = "false")
public class ConversionErrorHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {

  private final ErrorResponseProcessor<?> problems;

  public ConversionErrorHandler(ErrorResponseProcessor<?> problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
    // The outermost serde exception that knows a path knows all of it, innermost step first.
    List<String> path = new ArrayList<>();
    Argument<?> innermost = null;
    for (Throwable cause = exception.getCause(); cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      if (cause instanceof SerdeException serde && !serde.getPath().isEmpty() && path.isEmpty()) {
        for (ReferencePath step : serde.getPath().reversed()) {
          path.add(step instanceof CollectionItemReferencePath item ? "[" + item.index() + "]"
              : "." + step.getArgument().getName());
        }
        ReferencePath last = serde.getPath().getFirst();
        innermost = last instanceof CollectionItemReferencePath item
            ? item.collectionArgument().getFirstTypeVariable().orElse(null) : last.getArgument();
      }
    }
    String field = path.isEmpty() ? exception.getArgument().getName()
        : String.join("", path).replaceFirst("^\\.", "");
    String message = innermost != null && innermost.getType().isEnum()
        ? "must be one of " + Arrays.toString(innermost.getType().getEnumConstants())
        : "has a value of the wrong type or form";
    Error error = ProblemDetails.fieldError(field, message);
    return problems.processResponse(ErrorContext.builder(request).cause(exception).error(error).build(),
        HttpResponse.status(HttpStatus.BAD_REQUEST));
  }
}
