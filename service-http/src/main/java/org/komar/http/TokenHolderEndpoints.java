package org.komar.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import java.util.Set;
import org.komar.schemas.security.Roles;
import org.reactivestreams.Publisher;

/**
 * Who may read a service's sensitive management endpoints: auditors and supervisors may read its metrics
 * ({@code /prometheus}: counts and latencies, whose labels and times still date every report and its risk, so
 * neither anonymously nor by anyone whose request could be lined up with them, such as a take-down desk); every
 * other sensitive endpoint (beans, routes, loggers, environment...) is refused to everyone.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
public final class TokenHolderEndpoints extends SensitiveEndpointRule {

  private static final String METRICS = "prometheus";
  private static final Set<String> READ_METRICS = Set.of(Roles.AUDITOR, Roles.HOTLINE_SUPERVISOR,
      Roles.AGENCY_SUPERVISOR);

  TokenHolderEndpoints(EndpointSensitivityProcessor endpoints) {
    super(endpoints);
  }

  @Override
  protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(HttpRequest<?> request,
      Authentication authentication, ExecutableMethod<?, ?> method) {
    String endpoint = method.stringValue(Endpoint.class).or(() -> method.stringValue(Endpoint.class, "id"))
        .orElse("");
    boolean allowed = METRICS.equals(endpoint) && authentication.getRoles().stream().anyMatch(READ_METRICS::contains);
    return Publishers.just(allowed ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
  }
}
