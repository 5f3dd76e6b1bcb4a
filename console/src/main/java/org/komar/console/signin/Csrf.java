package org.komar.console.signin;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token every form of the console carries ({@code csrfToken}): an HMAC of the session's cookie under a key
 * this console process draws at start (its sessions live no longer), so a page on another site, which cannot read
 * the cookie, cannot forge a form that acts for the person. The session cookie is also {@code SameSite=Strict};
 * this is the second lock.
 */
@Singleton
public final class Csrf {

  public static final String FIELD = "csrfToken";

  private final SecretKeySpec key;

  Csrf() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The token for the forms of this request's session. */
  public String token(HttpRequest<?> request) {
    return SessionCookie.of(request).map(this::mac).orElse("");
  }

  /** Refuses the request (403) unless {@code offered} is its session's token. */
  public void check(HttpRequest<?> request, String offered) {
    String expected = token(request);
    if (expected.isEmpty() || offered == null || !MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), offered.getBytes(StandardCharsets.US_ASCII))) {
      throw new HttpStatusException(HttpStatus.FORBIDDEN, "The form has expired; open the page again.");
    }
  }

  private String mac(String session) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(session.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
