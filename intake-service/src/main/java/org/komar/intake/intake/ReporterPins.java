package org.komar.intake.intake;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The one-time PIN a reporter gets with the case reference, to ask how the case goes. Stored only as a salted
 * PBKDF2-HMAC-SHA256 hash, so a copy of the database does not hand out PINs.
 */
public final class ReporterPins {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int ITERATIONS = 60_000;

  private ReporterPins() {
  }

  /** Six digits, read out to the reporter once. */
  public static String next() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }

  public static String hash(String pin) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return "pbkdf2-sha256$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
        + Base64.getEncoder().encodeToString(derive(pin, salt, ITERATIONS));
  }

  public static boolean matches(String pin, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || pin == null || !pin.matches("\\d{6}")) {
      return false;
    }
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    byte[] actual = derive(pin, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(String pin, byte[] salt, int iterations) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(pin.toCharArray(), salt, iterations, 256)).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 is unavailable", e);
    }
  }
}
