package org.komar.routing.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ErrorResponseProcessorExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.komar.routing.agency.CaseRequestException;

/**
 * An agency's request that cannot be answered as asked, with Komar's own reason: 400 for what agencies may never
 * ask, 404 for what is not here, 409 for what the referral's state does not allow now.
 */
@Produces
@Singleton
final class CaseRequestHandler extends ErrorResponseProcessorExceptionHandler<CaseRequestException> {

  CaseRequestHandler(ErrorResponseProcessor<?> problems) {
    super(problems);
  }

  @Override
  protected MutableHttpResponse<?> createResponse(CaseRequestException exception) {
    return HttpResponse.status(switch (exception) {
      case CaseRequestException.Invalid invalid -> HttpStatus.BAD_REQUEST;
      case CaseRequestException.NotFound notFound -> HttpStatus.NOT_FOUND;
      case CaseRequestException.NotNow notNow -> HttpStatus.CONFLICT;
    });
  }
}
