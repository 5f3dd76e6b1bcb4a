package org.komar.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Every error of this service as RFC 9457 problem details ({@code application/problem+json}): the status, a
 * title, and one entry per wrong field with its path. Messages never repeat the submitted values.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
@Requires(property = ProblemDetails.ENABLED, notEquals = "false")
public class ProblemDetails implements ErrorResponseProcessor<ProblemDetails.Problem> {

  /**
   * Set to {@code false} by an application that answers people with pages rather than programs with JSON (the
   * console, which uses service-http for the agency API's records): it keeps Micronaut's own error answers, an
   * HTML page for a browser, and this processor and Komar's conversion and constraint handlers stay out.
   */
  public static final String ENABLED = "komar.http.problem-details";

  public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
  /**
   * A constraint's path: the controller method, its body parameter, then the field in the body. Body parameters
   * are named {@code request} (or {@code check}) in every controller, so that only that prefix is cut.
   */
  private static final java.util.regex.Pattern BODY_PATH = java.util.regex.Pattern.compile(
      "^[a-zA-Z]+\\.(?:request|check)\\.(.+)$");

  @Serdeable
  public record Problem(String type, String title, int status, String detail, String instance,
      List<FieldError> errors) {
  }

  @Serdeable
  public record FieldError(String field, String message) {
  }

  /** An error of one field, by its JSON path in the body. */
  public static Error fieldError(String field, String message) {
    return new Error() {
      @Override
      public java.util.Optional<String> getPath() {
        return java.util.Optional.of(field);
      }

      @Override
      public String getMessage() {
        return message;
      }
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    List<FieldError> errors = context.getErrors().stream()
        .filter(error -> error.getPath().isPresent())
        .map(error -> new FieldError(field(error), error.getMessage()))
        .toList();
    String detail = errors.isEmpty() && !context.getErrors().isEmpty() && ownMessage(context)
        ? context.getErrors().getFirst().getMessage() : fixedDetail(status);
    Problem problem = new Problem("about:blank", status.getReason(), status.getCode(), detail,
        context.getRequest().getPath(), errors);
    return ((MutableHttpResponse<Problem>) response).body(problem).contentType(PROBLEM_JSON);
  }

  /** Only our own messages (an HttpStatusException we threw) go out; a framework's may quote the input. */
  private static boolean ownMessage(ErrorContext context) {
    return context.getRootCause().map(cause -> cause instanceof io.micronaut.http.exceptions.HttpStatusException
        || cause instanceof SafeToShow).orElse(false);
  }

  private static String fixedDetail(HttpStatus status) {
    if (status.getCode() >= 500) {
      return "Something went wrong on our side. Nothing was stored; please try again.";
    }
    return status == HttpStatus.BAD_REQUEST ? "The request could not be read." : null;
  }

  private static String field(Error error) {
    // "create.request.child.province" → "child.province": the JSON path of the body, not the Java method.
    String path = error.getPath().orElse("");
    java.util.regex.Matcher body = BODY_PATH.matcher(path);
    return body.matches() ? body.group(1) : path;
  }
}
