package org.komar.reporting;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import java.util.Map;

/**
 * The two calls of intake-service the page makes: record a report, with the page's own service token; and a
 * reporter's status check, which takes no token. Requests and answers are maps: their records are intake's own.
 * Every call goes through {@link Intake}.
 */
@Client(id = "intake", path = "/api/v1")
interface IntakeApi {

  @Post("/intakes")
  HttpResponse<Map<String, Object>> record(@Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Header("Idempotency-Key") String idempotencyKey, @Body Map<String, Object> intake);

  @Post("/status-checks")
  HttpResponse<Map<String, Object>> check(@Body Map<String, Object> check);
}
