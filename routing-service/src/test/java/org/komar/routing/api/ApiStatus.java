package org.komar.routing.api;

import io.micronaut.http.client.exceptions.HttpClientResponseException;

/** The status a blocking API call answered with: {@code success} if it did not throw, else the refusal's. */
final class ApiStatus {

  private ApiStatus() {
  }

  static int of(Runnable call, int success) {
    try {
      call.run();
      return success;
    } catch (HttpClientResponseException e) {
      return e.getStatus().getCode();
    }
  }

  static int of(Runnable call) {
    return of(call, 200);
  }
}
