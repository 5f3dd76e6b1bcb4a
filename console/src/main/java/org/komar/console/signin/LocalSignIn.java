package org.komar.console.signin;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.komar.schemas.security.Claims;

/**
 * Signs a person in with a local account. The resulting token carries the roles and the unit or hotline the
 * services check, so the console calls their APIs with it as it is.
 */
@Singleton
final class LocalSignIn<B> implements HttpRequestAuthenticationProvider<B> {

  private final LocalAccounts accounts;

  LocalSignIn(LocalAccounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public @NonNull AuthenticationResponse authenticate(HttpRequest<B> request,
      @NonNull AuthenticationRequest<String, String> credentials) {
    return accounts.signIn(credentials.getIdentity(), credentials.getSecret())
        .map(account -> {
          Map<String, Object> claims = new HashMap<>();
          claims.put(Claims.NAME, account.name());
          if (account.unit() != null) {
            claims.put(Claims.UNIT, account.unit());
          }
          if (account.hotline() != null) {
            claims.put(Claims.HOTLINE, account.hotline());
          }
          return AuthenticationResponse.success(account.username(), account.roles(), claims);
        })
        .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
  }
}
