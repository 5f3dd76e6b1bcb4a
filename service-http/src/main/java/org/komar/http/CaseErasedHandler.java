package org.komar.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ErrorResponseProcessorExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.komar.http.vault.CaseErasedException;

/**
 * A case the vault says was erased is a 410, whatever was asked of it: its keys are gone, and nothing more is
 * recorded about it. The exception's message, Komar's own, is the detail.
 */
@Produces
@Singleton
public final class CaseErasedHandler extends ErrorResponseProcessorExceptionHandler<CaseErasedException> {

  CaseErasedHandler(ErrorResponseProcessor<?> problems) {
    super(problems);
  }

  @Override
  protected MutableHttpResponse<?> createResponse(CaseErasedException exception) {
    return HttpResponse.status(HttpStatus.GONE);
  }
}
