package org.komar.intake.intake;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-time PIN a reporter gets with the case reference, to ask how the case goes. Stored only as a salted
 * HMAC-SHA256 under a key the database does not hold ({@code PIN_KEY}): a six-digit PIN cannot be protected by
 * a slow hash (a million guesses are cheap offline), but without the key a copy of the database gives nothing.
 * (PBKDF2 was tried first: 24 ms of CPU per intake capped the service at about 80 intakes per second.)
 */
@Singleton
public final class ReporterPins {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SCHEME = "hmac-sha256";

  private final SecretKeySpec key;

  public ReporterPins(@Value("${komar.reporter-pins.key}") String key) {
    if (key == null || key.length() < 32) {
      throw new IllegalStateException("Set PIN_KEY (komar.reporter-pins.key) to at least 32 random characters");
    }
    this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** Six digits, read out to the reporter once. */
  public String next() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }

  public String hash(String pin) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return SCHEME + "$" + Base64.getEncoder().encodeToString(salt) + "$"
        + Base64.getEncoder().encodeToString(mac(salt, pin));
  }

  public boolean matches(String pin, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 3 || !parts[0].equals(SCHEME) || pin == null || !pin.matches("\\d{6}")) {
      return false;
    }
    return MessageDigest.isEqual(Base64.getDecoder().decode(parts[2]),
        mac(Base64.getDecoder().decode(parts[1]), pin));
  }

  /**
   * A keyed fingerprint of a request, to recognise a retry: a plain hash of a small request could be brute
   * forced to confirm a guessed child, this cannot without the key.
   */
  public byte[] fingerprint(String request) {
    return mac("request-fingerprint".getBytes(StandardCharsets.UTF_8), request);
  }

  private byte[] mac(byte[] salt, String pin) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(salt);
      return mac.doFinal(pin.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
