package org.komar.reporting;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The check a report form must pass instead of a third-party captcha. Each form the page serves carries a token: when
 * it was served and a random challenge, signed by this process (HMAC-SHA256 under a key made at start and never
 * written anywhere). A report is taken only with a token that
 * <ul>
 *   <li>this process signed, served at least {@code minimum} ago (a person reads and types; a script posting at
 *       once does not) and at most {@code maximum} ago;</li>
 *   <li>has not been used for a report already (a token is single-use, so a solved challenge cannot be replayed);
 *       </li>
 *   <li>comes with a proof of work: a nonce for which SHA-256 of {@code challenge ":" nonce} begins with
 *       {@code difficulty} zero bits, found by the page's script while the form is filled in (at 16 bits, about
 *       65,000 hashes on average: 77 ms for 37,576 of them in Node on the build machine; not yet timed on a phone).
 *       </li>
 * </ul>
 * No cookie and nothing about the sender is kept: only the challenges used, until their tokens expire.
 */
@Singleton
public final class FormTokens {

  /** Why a form was not taken; the page answers each the same way, asking to try again. */
  public enum Refusal { MALFORMED, FORGED, TOO_FAST, EXPIRED, USED, NO_PROOF_OF_WORK }

  /** A token as served: its text for the form, and the challenge the page's script works on. */
  public record Issued(String token, String challenge) {
  }

  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNBASE64 = Base64.getUrlDecoder();
  private static final int CHALLENGE_BYTES = 16;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration minimum;
  private final Duration maximum;
  private final int difficulty;
  /** Challenges of tokens that made a report, until the token would have expired anyway. */
  private final Map<String, Instant> used = new ConcurrentHashMap<>();

  @Inject
  FormTokens(@Value("${komar.reporting.form.minimum-fill-time:3s}") Duration minimum,
      @Value("${komar.reporting.form.maximum-age:2h}") Duration maximum,
      @Value("${komar.reporting.form.proof-of-work-bits:16}") int difficulty) {
    this(Clock.systemUTC(), minimum, maximum, difficulty);
  }

  FormTokens(Clock clock, Duration minimum, Duration maximum, int difficulty) {
    if (difficulty < 0 || difficulty > 28) {
      throw new IllegalArgumentException("A proof of work of " + difficulty + " bits is not between 0 and 28");
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.clock = clock;
    this.minimum = minimum;
    this.maximum = maximum;
    this.difficulty = difficulty;
  }

  /** How many leading zero bits the proof of work needs; the page's script is told. */
  public int difficulty() {
    return difficulty;
  }

  /** A new token for a form served now. */
  public Issued issue() {
    byte[] challenge = new byte[CHALLENGE_BYTES];
    random.nextBytes(challenge);
    byte[] body = ByteBuffer.allocate(Long.BYTES + CHALLENGE_BYTES).putLong(clock.millis()).put(challenge).array();
    String text = BASE64.encodeToString(body);
    return new Issued(text + "." + BASE64.encodeToString(mac(text)), BASE64.encodeToString(challenge));
  }

  /** The challenge of a token this process signed, if it is one; says nothing of its age or use. */
  public Optional<String> challengeOf(String token) {
    return body(token).map(body -> BASE64.encodeToString(java.util.Arrays.copyOfRange(body, Long.BYTES,
        body.length)));
  }

  /**
   * Takes {@code token} for one report, with the page's {@code nonce}: empty if it passes, and it is then used; else
   * why not. {@link #release} gives it back if the report could not be recorded after all.
   */
  public Optional<Refusal> take(String token, String nonce) {
    Optional<Refusal> refusal = check(token, nonce);
    if (refusal.isPresent()) {
      return refusal;
    }
    Instant now = clock.instant();
    forgetExpired(now);
    String challenge = challengeOf(token).orElseThrow();
    Instant expiry = Instant.ofEpochMilli(ByteBuffer.wrap(body(token).orElseThrow()).getLong()).plus(maximum);
    return used.putIfAbsent(challenge, expiry) != null ? Optional.of(Refusal.USED) : Optional.empty();
  }

  /** Whether {@code token} and {@code nonce} would be taken now, without taking them: cheap, and changes nothing. */
  public Optional<Refusal> check(String token, String nonce) {
    Optional<byte[]> body = body(token);
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.of(Refusal.MALFORMED);
    }
    if (body.isEmpty()) {
      return Optional.of(Refusal.FORGED);
    }
    ByteBuffer buffer = ByteBuffer.wrap(body.get());
    Instant served = Instant.ofEpochMilli(buffer.getLong());
    Instant now = clock.instant();
    if (now.isBefore(served.plus(minimum))) {
      return Optional.of(Refusal.TOO_FAST);
    }
    if (now.isAfter(served.plus(maximum))) {
      return Optional.of(Refusal.EXPIRED);
    }
    String challenge = challengeOf(token).orElseThrow();
    if (!proven(challenge, nonce)) {
      return Optional.of(Refusal.NO_PROOF_OF_WORK);
    }
    return used.containsKey(challenge) ? Optional.of(Refusal.USED) : Optional.empty();
  }

  /** Gives a taken token back: the report it came with was not recorded, and may be sent again. */
  public void release(String token) {
    challengeOf(token).ifPresent(used::remove);
  }

  /** Whether SHA-256 of {@code challenge ":" nonce} begins with {@link #difficulty} zero bits. */
  boolean proven(String challenge, String nonce) {
    if (nonce == null || nonce.isEmpty() || nonce.length() > 20 || !nonce.chars().allMatch(Character::isDigit)) {
      return difficulty == 0;
    }
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest((challenge + ":" + nonce).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No SHA-256 in this JVM", e);
    }
    for (int bit = 0; bit < difficulty; bit++) {
      if ((hash[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
        return false;
      }
    }
    return true;
  }

  private Optional<byte[]> body(String token) {
    if (token == null || token.length() > 200) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String text = token.substring(0, dot);
    try {
      byte[] body = UNBASE64.decode(text);
      byte[] signature = UNBASE64.decode(token.substring(dot + 1));
      if (body.length != Long.BYTES + CHALLENGE_BYTES || !MessageDigest.isEqual(signature, mac(text))) {
        return Optional.empty();
      }
      return Optional.of(body);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  private byte[] mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No HMAC-SHA256 in this JVM", e);
    }
  }

  private void forgetExpired(Instant now) {
    used.values().removeIf(expiry -> expiry.isBefore(now));
  }
}
