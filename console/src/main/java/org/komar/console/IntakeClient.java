package org.komar.console;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import java.util.Map;

/**
 * intake-service's hotline API, called with the signed-in operator's {@code Authorization} header. The request and
 * its answer ({@code caseReference}, {@code reporterPin}, ...) are still maps: their records are intake's own
 * ({@code IntakeRequest}, {@code IntakeController.IntakeCreated}). Every call goes through {@link ServiceCalls}.
 */
@Client(id = "intake", path = "/api/v1")
public interface IntakeClient {

  @Post("/intakes")
  HttpResponse<Map<String, Object>> record(@Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Body Map<String, Object> intake);
}
