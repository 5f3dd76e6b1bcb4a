package org.komar.http.vault;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;

/**
 * The vault API (vault-service's controllers) as Micronaut declares a client of it: where it is, its
 * timeouts and that it follows no redirect are the {@code vault} service's settings
 * ({@code micronaut.http.services.vault}). Only {@link VaultClient} calls it, with a token of its own service.
 * Each method answers the whole response, so that the caller decides on every status; a blocking call, never to
 * be made on an event loop.
 */
@Client(id = "vault", path = "/api/v1/vault")
public interface VaultApi {

  /** The header of an agency opening that carries the asking person's own {@code Bearer} token. */
  String PERSON = "Komar-Person";

  @Post("/seals")
  HttpResponse<SealedJson> seal(@Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Body SealRequest request);

  @Post("/openings")
  HttpResponse<OpenedValue> open(@Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Body OpenRequest request);

  @Post("/agency-openings")
  HttpResponse<OpenedValue> openForAgency(@Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Header(PERSON) String person, @Body AgencyOpenRequest request);

  @Post("/intake-seals")
  HttpResponse<IntakeSeals> sealIntake(@Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Body IntakeSealRequest request);

  @Post("/hotline-openings")
  HttpResponse<OpenedValue> openForHotline(@Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Header(PERSON) String person, @Body HotlineOpenRequest request);

  @Post("/erasures")
  HttpResponse<Erasure> erase(@Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Header(PERSON) String person, @Body ErasureRequest request);
}
