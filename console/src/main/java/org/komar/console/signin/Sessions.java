package org.komar.console.signin;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The people signed in to this console, in its memory only: a session ends when they sign out, after
 * {@code komar.console.session-idle} without a page, after {@code komar.console.session-longest} in all, when
 * Keycloak ends it, or when the console stops. Each holds the person's tokens ({@link Session}); the browser only
 * the session's id, 256 random bits. A person's calls to the services carry their own access token, renewed
 * shortly before it expires ({@link #bearer}).
 */
@Singleton
public final class Sessions {

  private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
  /** How long before its expiry an access token is renewed, so that no call carries one that lapses on the way. */
  private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final IdentityProvider provider;
  private final Duration idle;
  private final Duration longest;

  Sessions(IdentityProvider provider, @Value("${komar.console.session-idle:30m}") Duration idle,
      @Value("${komar.console.session-longest:10h}") Duration longest) {
    this.provider = provider;
    this.idle = idle;
    this.longest = longest;
  }

  /** A new session for a person just signed in; its id goes into their cookie. */
  Session start(Authentication person, String accessToken, String refreshToken) {
    Instant now = Instant.now();
    sessions.values().removeIf(session -> ended(session, now));
    byte[] id = new byte[32];
    random.nextBytes(id);
    Session session = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(id), person, accessToken,
        expiryOf(accessToken), refreshToken, now, now);
    sessions.put(session.id(), session);
    return session;
  }

  /** The request's session, if it has one that has not ended; using it keeps it from going idle. */
  public Optional<Session> of(HttpRequest<?> request) {
    return SessionCookie.of(request).flatMap(this::find);
  }

  Optional<Session> find(String id) {
    Instant now = Instant.now();
    Session session = sessions.computeIfPresent(id, (key, found) -> ended(found, now) ? null : found.used(now));
    return Optional.ofNullable(session);
  }

  /**
   * The {@code Authorization} value for a call to a service as the request's person, their access token renewed
   * first if it is about to expire. Blocks while renewing: call it off the event loop. Throws
   * {@link SessionEndedException} if there is no session, or Keycloak has ended it.
   */
  public String bearer(HttpRequest<?> request) {
    Session session = of(request).orElseThrow(SessionEndedException::new);
    if (Instant.now().plus(RENEW_BEFORE).isBefore(session.accessExpires())) {
      return "Bearer " + session.accessToken();
    }
    try {
      Optional<IdentityProvider.Renewed> renewed = provider.renew(session.refreshToken());
      if (renewed.isEmpty()) {
        sessions.remove(session.id());
        throw new SessionEndedException();
      }
      Session next = session.renewed(renewed.get().accessToken(), expiryOf(renewed.get().accessToken()),
          renewed.get().refreshToken(), Instant.now());
      // Only into the session it renewed: one ended meanwhile (signed out, gone idle) stays ended.
      Session kept = sessions.computeIfPresent(session.id(), (id, current) ->
          current.refreshToken().equals(session.refreshToken()) ? next : current);
      if (kept == null) {
        throw new SessionEndedException();
      }
      return "Bearer " + kept.accessToken();
    } catch (IOException e) {
      LOG.warn("A session's token could not be renewed: {}", e.getClass().getSimpleName());
      // The call goes out with the token it has, and the service answers for itself.
      return "Bearer " + session.accessToken();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionEndedException();
    }
  }

  /** Forgets the request's session here only: a new sign-in replaces whatever session the browser had. */
  void forget(HttpRequest<?> request) {
    SessionCookie.of(request).ifPresent(sessions::remove);
  }

  /** Ends the request's session here and at Keycloak. Blocks: call it off the event loop. */
  void end(HttpRequest<?> request) {
    SessionCookie.of(request).map(sessions::remove).ifPresent(session -> {
      try {
        provider.endSession(session.refreshToken());
      } catch (IOException e) {
        LOG.warn("Keycloak's session could not be ended at sign-out: {}", e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private boolean ended(Session session, Instant now) {
    return session.lastUsed().plus(idle).isBefore(now) || session.started().plus(longest).isBefore(now);
  }

  /** When an access token expires: its {@code exp}, which Keycloak always sets (the services refuse it otherwise). */
  static Instant expiryOf(String accessToken) {
    try {
      Date expiry = com.nimbusds.jwt.JWTParser.parse(accessToken).getJWTClaimsSet().getExpirationTime();
      return expiry == null ? Instant.EPOCH : expiry.toInstant();
    } catch (ParseException e) {
      return Instant.EPOCH;
    }
  }
}
