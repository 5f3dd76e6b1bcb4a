package org.komar.schemas.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What an agency's receiver checks: the signature of its own key, over this body, sent just now. */
class WebhookSignatureTest {

  private static final byte[] PLATFORM = "a-platform-signing-key-of-32-chars!!".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BODY = "{\"caseReference\":\"K7-4MXR\"}".getBytes(StandardCharsets.UTF_8);
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Test
  void shouldAcceptItsOwnSignatureAndRefuseAnotherUnitsTamperingOrReplay() {
    byte[] key = WebhookSignature.unitKey(PLATFORM, "police-siem-reap-juvenile");
    Instant now = Instant.parse("2026-11-29T08:00:00Z");
    String signature = WebhookSignature.sign(key, now.getEpochSecond(), BODY);
    String timestamp = Long.toString(now.getEpochSecond());

    assertThat(WebhookSignature.verify(key, timestamp, BODY, signature, now, TOLERANCE)).isTrue();
    assertThat(WebhookSignature.verify(WebhookSignature.unitKey(PLATFORM, "police-battambang-juvenile"), timestamp,
        BODY, signature, now, TOLERANCE)).as("another unit's key").isFalse();
    assertThat(WebhookSignature.verify(key, timestamp, "{\"caseReference\":\"K7-4MXS\"}".getBytes(
        StandardCharsets.UTF_8), signature, now, TOLERANCE)).as("another body").isFalse();
    assertThat(WebhookSignature.verify(key, timestamp, BODY, signature, now.plus(Duration.ofMinutes(6)), TOLERANCE))
        .as("replayed six minutes later").isFalse();
    assertThat(WebhookSignature.verify(key, "soon", BODY, signature, now, TOLERANCE)).isFalse();
  }
}
