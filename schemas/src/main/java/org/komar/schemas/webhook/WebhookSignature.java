package org.komar.schemas.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How webhooks are signed, for Komar and for the agencies that receive them. Each unit has a key of its own,
 * HMAC-SHA256(the platform's signing key, unit id), given to the unit out of band. A request carries
 * {@code Komar-Timestamp} (Unix seconds) and {@code Komar-Signature: v1=<hex HMAC-SHA256(unit key, timestamp + "."
 * + body)>}; a receiver recomputes it, compares in constant time, and refuses a timestamp older than its
 * tolerance (five minutes is usual) so that a captured request cannot be replayed later. Within the tolerance,
 * {@code Idempotency-Key} (the notification id) lets it drop a request it has already handled.
 */
public final class WebhookSignature {

  public static final String TIMESTAMP = "Komar-Timestamp";
  public static final String SIGNATURE = "Komar-Signature";
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private WebhookSignature() {
  }

  /** The key of one unit, derived from the platform's signing key. */
  public static byte[] unitKey(byte[] platformKey, String unitId) {
    return hmac(platformKey, unitId.getBytes(StandardCharsets.UTF_8));
  }

  public static String sign(byte[] unitKey, long timestamp, byte[] body) {
    return "v1=" + HexFormat.of().formatHex(hmac(unitKey, signed(timestamp, body)));
  }

  /** What a receiver checks: the signature matches, and the timestamp is within {@code tolerance} of now. */
  public static boolean verify(byte[] unitKey, String timestamp, byte[] body, String signature, Instant now,
      Duration tolerance) {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = sign(unitKey, seconds, body).getBytes(StandardCharsets.US_ASCII);
    return signature != null && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] signed(long timestamp, byte[] body) {
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
    byte[] signed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(body, 0, signed, prefix.length, body.length);
    return signed;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
