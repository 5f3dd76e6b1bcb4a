package org.komar.intake.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.komar.schemas.security.Claims;
import org.komar.schemas.security.Roles;

/**
 * Mints tokens for local use: only in the {@code dev} environment, which {@code ./komar run} sets when it runs
 * everything itself and no deployment should, only while the service listens on this machine's loopback alone,
 * and only for a caller on this machine. Production tokens come from the identity provider.
 */
@Controller("/api/v1/dev/tokens")
@io.swagger.v3.oas.annotations.Hidden
@Requires(env = Environment.DEVELOPMENT)
@Requires(property = "micronaut.server.host", pattern = DevTokenController.LOOPBACK)
@Secured(SecurityRule.IS_ANONYMOUS)
public class DevTokenController {

  /** The addresses a service may listen on for this endpoint to exist: this machine's loopback only. */
  static final String LOOPBACK = "127\\.0\\.0\\.1|localhost|::1|\\[::1\\]";

  @Serdeable
  public record TokenRequest(@NotBlank @Pattern(regexp = "[a-z0-9-]{1,64}") String subject,
      @NotEmpty List<@NotBlank String> roles,
      @io.micronaut.core.annotation.Nullable @Pattern(regexp = "[a-z0-9-]{1,64}") String hotline,
      @io.micronaut.core.annotation.Nullable @Pattern(regexp = "[a-z0-9-]{1,64}") String unit) {
  }

  @Serdeable
  public record TokenResponse(String accessToken) {
  }

  private final TokenGenerator tokens;
  private final int lifetimeSeconds;

  public DevTokenController(TokenGenerator tokens,
      @Value("${micronaut.security.token.jwt.generator.access-token.expiration:3600}") int lifetimeSeconds) {
    this.tokens = tokens;
    this.lifetimeSeconds = lifetimeSeconds;
  }

  @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  public TokenResponse mint(@Valid @Body TokenRequest request, HttpRequest<?> http) {
    if (!http.getRemoteAddress().getAddress().isLoopbackAddress()) {
      throw new HttpStatusException(HttpStatus.NOT_FOUND, "Not found");
    }
    // People's roles only, the hotline's and the agencies' (agency staff name their unit): never a service's.
    if (!Roles.PEOPLE.containsAll(request.roles())) {
      throw new HttpStatusException(HttpStatus.BAD_REQUEST, "Unknown role; known: " + Roles.PEOPLE);
    }
    Map<String, Object> attributes = new HashMap<>();
    // The hotline a local operator works for: the sample intakes' own unless another is asked for.
    attributes.put(Claims.HOTLINE, request.hotline() == null ? "hotline-1280" : request.hotline());
    if (request.unit() != null) {
      attributes.put(Claims.UNIT, request.unit());
    }
    return new TokenResponse(tokens.generateToken(Authentication.build(request.subject(), request.roles(),
        attributes), lifetimeSeconds).orElseThrow(() -> new IllegalStateException("No token generator configured")));
  }
}
