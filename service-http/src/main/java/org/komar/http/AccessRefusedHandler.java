package org.komar.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ErrorResponseProcessorExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** What the caller may not see or do is a 403 with Komar's own reason, in every service that refuses it. */
@Produces
@Singleton
public final class AccessRefusedHandler extends ErrorResponseProcessorExceptionHandler<AccessRefusedException> {

  AccessRefusedHandler(ErrorResponseProcessor<?> problems) {
    super(problems);
  }

  @Override
  protected MutableHttpResponse<?> createResponse(AccessRefusedException exception) {
    return HttpResponse.status(HttpStatus.FORBIDDEN);
  }
}
