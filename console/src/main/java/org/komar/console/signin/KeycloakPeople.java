package org.komar.console.signin;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.komar.schemas.security.Claims;
import org.reactivestreams.Publisher;

/**
 * Who signed in, once Keycloak's ID token has been checked (signature, issuer, audience, nonce, expiry: by
 * micronaut-security-oauth2): their roles, name, and unit or hotline, read from the access token that came with
 * it, which is what the services will decide by. The tokens ride along to {@link SignedIn}, which keeps them in
 * the person's {@link Session} and out of every later request's {@code Authentication}.
 */
@Singleton
@Named("keycloak")
final class KeycloakPeople implements OpenIdAuthenticationMapper {

  static final String ACCESS_TOKEN = "komar.access-token";
  static final String REFRESH_TOKEN = "komar.refresh-token";

  @Override
  public Publisher<AuthenticationResponse> createAuthenticationResponse(String providerName,
      OpenIdTokenResponse tokens, OpenIdClaims identity, @Nullable State state) {
    try {
      JWTClaimsSet access = JWTParser.parse(tokens.getAccessToken()).getJWTClaimsSet();
      if (!Objects.equals(access.getSubject(), identity.getSubject()) || tokens.getRefreshToken() == null) {
        return Publishers.just(AuthenticationResponse.failure(AuthenticationFailureReason.UNKNOWN));
      }
      List<String> roles = access.getStringListClaim(Claims.ROLES);
      Map<String, Object> attributes = new HashMap<>();
      for (String claim : List.of(Claims.NAME, Claims.UNIT, Claims.HOTLINE)) {
        String value = access.getStringClaim(claim);
        if (value != null && !value.isBlank()) {
          attributes.put(claim, value);
        }
      }
      attributes.put(ACCESS_TOKEN, tokens.getAccessToken());
      attributes.put(REFRESH_TOKEN, tokens.getRefreshToken());
      return Publishers.just(AuthenticationResponse.success(access.getSubject(),
          roles == null ? List.of() : roles, attributes));
    } catch (ParseException e) {
      return Publishers.just(AuthenticationResponse.failure(AuthenticationFailureReason.UNKNOWN));
    }
  }
}
