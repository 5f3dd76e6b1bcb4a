package org.komar.infra.test;

/**
 * The identity provider the services of a test JVM trust: what a service is told to start ({@code KOMAR_ISSUER},
 * {@code KOMAR_CLIENT_SECRET}). The {@link TestIssuer} by default; the real Keycloak once a test has asked the
 * stack for it ({@link TestStack#keycloak()}).
 */
public interface Identity {

  /** The {@code iss} of its tokens, under which its JWKS and token endpoint are found. */
  String issuer();

  /** The secret of a service's client, by client id ({@code routing-service}). */
  String clientSecret(String clientId);
}
