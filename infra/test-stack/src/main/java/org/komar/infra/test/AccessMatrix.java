package org.komar.infra.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.komar.infra.identity.KomarRealm;
import org.komar.schemas.security.Claims;
import org.komar.schemas.security.Roles;

/**
 * Who may call what, as one table ({@code access-matrix.txt}): every HTTP endpoint of every service against every
 * caller, people of each role, each service's own token, a person of another hotline or unit, a console session's
 * value, no token, and every defective token of {@link ForgedTokens}. {@link #check} calls every cell of one
 * service against it running, and gives the cells that answered otherwise: a service's {@code AccessMatrixTest}
 * expects none.
 */
public final class AccessMatrix {

  /** One endpoint: what to send, and the status each caller must get. */
  public record Endpoint(String service, String method, String path, String body, Map<String, Integer> expected) {
  }

  /** A cell that answered otherwise. */
  public record Deviation(String service, String method, String path, String caller, int expected, int answered) {

    @Override
    public String toString() {
      return service + " " + method + " " + path + " as " + caller + ": " + answered + ", not " + expected;
    }
  }

  /** The outcome of one service's cells. */
  public record Outcome(int cells, List<Deviation> deviations) {
  }

  private static final String TABLE = "/org/komar/infra/test/access-matrix.txt";
  private static final String NONE = "none";

  private final List<String> callers;
  private final List<Endpoint> endpoints;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private AccessMatrix(List<String> callers, List<Endpoint> endpoints) {
    this.callers = callers;
    this.endpoints = endpoints;
  }

  /** The table as the project keeps it. */
  public static AccessMatrix load() {
    try (InputStream in = AccessMatrix.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException(TABLE + " is missing");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("Could not read " + TABLE, e);
    }
  }

  static AccessMatrix parse(String table) {
    List<String> callers = null;
    List<Endpoint> endpoints = new ArrayList<>();
    for (String line : table.split("\n")) {
      if (line.startsWith("# service")) {
        List<String> header = cells(line.substring(1));
        callers = header.subList(4, header.size());
      } else if (!line.isBlank() && !line.startsWith("#")) {
        List<String> cells = cells(line);
        if (callers == null || cells.size() != 4 + callers.size()) {
          throw new IllegalStateException("Not a row of " + TABLE + ": " + line);
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < callers.size(); i++) {
          expected.put(callers.get(i), Integer.parseInt(cells.get(4 + i)));
        }
        endpoints.add(new Endpoint(cells.get(0), cells.get(1), cells.get(2), cells.get(3), expected));
      }
    }
    if (callers == null) {
      throw new IllegalStateException(TABLE + " has no header");
    }
    return new AccessMatrix(List.copyOf(callers), List.copyOf(endpoints));
  }

  private static List<String> cells(String line) {
    return Arrays.stream(line.split("\\|")).map(String::trim).toList();
  }

  public List<Endpoint> endpoints(String service) {
    return endpoints.stream().filter(endpoint -> endpoint.service().equals(service)).toList();
  }

  /**
   * Calls every cell of {@code service}'s rows at {@code base}, as every caller of the table and every defective
   * token of {@link ForgedTokens}, with {@code fixtures} put in the paths ({@code {ref}} → a reference) and
   * {@code bodies} for the bodies named {@code @name}.
   */
  public Outcome check(String service, URI base, Map<String, String> fixtures, Map<String, String> bodies) {
    TestIssuer issuer = TestStack.shared().issuer();
    Map<String, Optional<String>> bearers = new LinkedHashMap<>();
    callers.forEach(caller -> bearers.put(caller, bearer(issuer, caller)));
    // Each addressed to the service under check, so that each is wrong in its one way only, there too.
    Map<String, String> forged = new ForgedTokens(issuer, "operator-1", List.of(Roles.HOTLINE_OPERATOR),
        Map.of(Claims.HOTLINE, "hotline-1280"), List.of(service)).forged();
    int cells = 0;
    List<Deviation> deviations = new ArrayList<>();
    for (Endpoint endpoint : endpoints(service)) {
      String path = endpoint.path();
      for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
        path = path.replace("{" + fixture.getKey() + "}", fixture.getValue());
      }
      String body = endpoint.body().startsWith("@") ? bodies.get(endpoint.body().substring(1)) : endpoint.body();
      for (Map.Entry<String, Optional<String>> caller : bearers.entrySet()) {
        cells++;
        int expected = endpoint.expected().get(caller.getKey());
        int answered = call(base, endpoint.method(), path, body, caller.getValue());
        if (answered != expected) {
          deviations.add(new Deviation(service, endpoint.method(), path, caller.getKey(), expected, answered));
        }
      }
      // A defective token is no token: it gets what a caller without one gets.
      int expected = endpoint.expected().get(NONE);
      for (Map.Entry<String, String> defective : forged.entrySet()) {
        cells++;
        int answered = call(base, endpoint.method(), path, body, Optional.of(defective.getValue()));
        if (answered != expected) {
          deviations.add(new Deviation(service, endpoint.method(), path, defective.getKey(), expected, answered));
        }
      }
    }
    return new Outcome(cells, List.copyOf(deviations));
  }

  /** The {@code Authorization} value of a caller of the table, none for {@code none}. */
  private static Optional<String> bearer(TestIssuer issuer, String caller) {
    return switch (caller) {
      case NONE -> Optional.empty();
      case "other-hotline" -> Optional.of(person(issuer, Roles.HOTLINE_OPERATOR, Claims.HOTLINE, "hotline-kampot"));
      case "other-unit" -> Optional.of(person(issuer, Roles.POLICE_OFFICER, Claims.UNIT,
          "police-battambang-juvenile"));
      case "console-session" -> Optional.of("Bearer " + sessionLike());
      case Roles.ROUTING_SERVICE -> Optional.of(issuer.serviceBearer("routing-service"));
      case Roles.NOTIFICATION_SERVICE -> Optional.of(issuer.serviceBearer("notification-service"));
      case Roles.INTAKE_SERVICE -> Optional.of(issuer.serviceBearer("intake-service"));
      case Roles.WEB_REPORTING -> Optional.of(issuer.serviceBearer(KomarRealm.REPORTING));
      case Roles.HOTLINE_OPERATOR, Roles.HOTLINE_SUPERVISOR ->
          Optional.of(person(issuer, caller, Claims.HOTLINE, "hotline-1280"));
      case Roles.POLICE_OFFICER -> Optional.of(person(issuer, caller, Claims.UNIT, "police-siem-reap-juvenile"));
      case Roles.COUNSELLOR -> Optional.of(person(issuer, caller, Claims.UNIT, "ngo-siem-reap-counselling"));
      case Roles.SOCIAL_WORKER -> Optional.of(person(issuer, caller, Claims.UNIT, "dosvy-siem-reap"));
      case Roles.TAKEDOWN_OFFICER -> Optional.of(person(issuer, caller, Claims.UNIT, "takedown-meta-trust-safety"));
      case Roles.AGENCY_SUPERVISOR -> Optional.of(person(issuer, caller, Claims.UNIT, "police-national-ajp"));
      case Roles.AUDITOR, Roles.DIRECTORY_ADMIN -> Optional.of("Bearer " + issuer.personToken(caller.toLowerCase(
          java.util.Locale.ROOT), List.of(caller), Map.of()));
      default -> throw new IllegalStateException("The access matrix names an unknown caller: " + caller);
    };
  }

  private static String person(TestIssuer issuer, String role, String claim, String scope) {
    return "Bearer " + issuer.personToken(role.toLowerCase(java.util.Locale.ROOT) + "-1", List.of(role),
        Map.of(claim, scope));
  }

  /** What the console's session cookie holds: 256 random bits, no token. */
  private static String sessionLike() {
    byte[] id = new byte[32];
    new SecureRandom().nextBytes(id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }

  private int call(URI base, String method, String path, String body, Optional<String> bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15))
        .header("Accept", "*/*");
    bearer.ifPresent(value -> request.header("Authorization", value));
    if ("-".equals(body)) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " could not be called: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
