package org.komar.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tokens from a local platform's dev token endpoint (intake-service, dev environment). */
public final class DevTokens {

  private static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");

  private DevTokens() {
  }

  /** A hotline operator's: records intakes. */
  public static String hotlineOperator(String intakeUrl) throws Exception {
    return of(intakeUrl, "HOTLINE_OPERATOR");
  }

  /** An auditor's: reads the metrics. */
  public static String auditor(String intakeUrl) throws Exception {
    return of(intakeUrl, "AUDITOR");
  }

  private static String of(String intakeUrl, String role) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(intakeUrl + "/api/v1/dev/tokens")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"subject\": \"benchmark\", \"roles\": [\"" + role + "\"]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    Matcher token = TOKEN.matcher(response.body());
    if (response.statusCode() != 200 || !token.find()) {
      throw new IllegalStateException("No dev token from " + intakeUrl + " (is the platform up?): "
          + response.statusCode());
    }
    return token.group(1);
  }
}
