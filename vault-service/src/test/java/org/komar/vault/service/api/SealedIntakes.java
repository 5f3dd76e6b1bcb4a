package org.komar.vault.service.api;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.komar.http.vault.VaultApi;
import org.komar.infra.test.TestStack;

/** New intakes sealed through the vault's API as intake-service seals them, and the calls the tests make. */
final class SealedIntakes {

  static final String CHILD_NAME = "ស្រីពៅ ចាន់ធីតា";
  static final String REPORTER_PHONE = "+855 12 555 0199";
  static final String HOTLINE = "hotline-1280";

  /** A field of a new intake as the vault sealed it, in the JSON its API carries. */
  record Recorded(String caseId, String json) {
  }

  private final HttpClient client;

  SealedIntakes(HttpClient client) {
    this.client = client;
  }

  static String intakeService() {
    return TestStack.shared().issuer().serviceBearer("intake-service");
  }

  /** Seals a new intake of {@link #HOTLINE}, as intake does; answers each field's sealed JSON. */
  Map<String, Recorded> sealNew() {
    String caseId = UUID.randomUUID().toString();
    Map<String, Object> answer = sealIntake(caseId, HOTLINE, intakeService());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> sealed = (Map<String, Map<String, Object>>) answer.get("sealed");
    Map<String, Recorded> fields = new LinkedHashMap<>();
    sealed.forEach((field, value) -> fields.put(field, new Recorded(caseId, json(value))));
    return fields;
  }

  Recorded sealNew(String field) {
    return sealNew().get(field);
  }

  Map<String, Object> sealIntake(String caseId, String hotline, String bearer) {
    String body = """
        {"caseId": "%s", "hotlineId": "%s", "fields": {
          "childIdentity": "{\\"name\\": \\"%s\\"}", "narrative": "She was asked for pictures.",
          "reporterContact": "{\\"phone\\": \\"%s\\"}", "reporterPin": "48213907"}}"""
        .formatted(caseId, hotline, CHILD_NAME, REPORTER_PHONE);
    return post("/api/v1/vault/intake-seals", body, bearer, null);
  }

  Map<String, Object> post(String path, String body, String bearer, String person) {
    var request = HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON).header("Authorization", bearer);
    if (person != null) {
      request.header(VaultApi.PERSON, person);
    }
    return client.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
  }

  static int status(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (HttpClientResponseException e) {
      return e.getStatus().getCode();
    }
  }

  private static String json(Map<String, Object> sealed) {
    return "{\"keyId\": \"" + sealed.get("keyId") + "\", \"audiences\": " + ((List<?>) sealed.get("audiences"))
        .stream().map(audience -> "\"" + audience + "\"").toList() + ", \"ciphertext\": \"" + sealed.get("ciphertext")
        + "\"}";
  }
}
