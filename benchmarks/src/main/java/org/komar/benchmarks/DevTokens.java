package org.komar.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A hotline operator's token from a local platform's dev token endpoint (intake-service, dev environment). */
public final class DevTokens {

  private static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");

  private DevTokens() {
  }

  public static String hotlineOperator(String intakeUrl) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(intakeUrl + "/api/v1/dev/tokens")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"subject\": \"benchmark\", \"roles\": [\"HOTLINE_OPERATOR\"]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    Matcher token = TOKEN.matcher(response.body());
    if (response.statusCode() != 200 || !token.find()) {
      throw new IllegalStateException("No dev token from " + intakeUrl + " (is the platform up?): "
          + response.statusCode());
    }
    return token.group(1);
  }
}
