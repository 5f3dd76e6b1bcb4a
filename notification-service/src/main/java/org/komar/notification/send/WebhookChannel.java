package org.komar.notification.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.komar.schemas.webhook.WebhookSignature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.komar.events.NotificationChannel;
import org.komar.http.WebhookAddresses;

/**
 * Posts a small JSON (the notification id and the INTERNAL fields: case reference, referral id, service,
 * priority, deadline, inbox link) to the unit's webhook, signed for that unit ({@link WebhookSignature}). A 2xx is
 * delivered; a timeout, 5xx, 408 or 429 is worth another attempt; any other answer is final, and so is an address
 * that is not public https ({@link WebhookAddresses}), which is never posted to.
 * The JDK's own HTTP client, not a declarative one: each unit has its own URL, known only per message, and the
 * signature covers the exact bytes sent, so the body is written here once and sent as those bytes.
 */
@Singleton
public final class WebhookChannel implements Channel {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> RETRYABLE_4XX = Set.of(408, 425, 429);

  private final byte[] signingKey;
  private final Duration timeout;
  private final boolean loopbackAllowed;
  private final HttpClient http;

  WebhookChannel(@Value("${komar.notification.webhook-signing-key}") String signingKey,
      @Value("${komar.notification.webhook-timeout:5s}") Duration timeout,
      @Value("${komar.webhooks.allow-loopback:false}") boolean loopbackAllowed) {
    if (signingKey.length() < 32) {
      throw new IllegalStateException("WEBHOOK_SIGNING_KEY must have at least 32 characters");
    }
    this.signingKey = signingKey.getBytes(StandardCharsets.UTF_8);
    this.timeout = timeout;
    this.loopbackAllowed = loopbackAllowed;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public NotificationChannel kind() {
    return NotificationChannel.WEBHOOK;
  }

  @Override
  public Result send(Message message) {
    // Checked again at every post: the directory checked the URL when it was set, but a name can resolve
    // elsewhere later, and a record may reach the directory topic without passing the directory's API.
    var refused = WebhookAddresses.refusal(message.address(), loopbackAllowed);
    if (refused.isPresent()) {
      return new Result.Failed(false, "webhook address refused: " + refused.get());
    }
    byte[] body = body(message);
    long timestamp = Instant.now().getEpochSecond();
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(message.address())).timeout(timeout)
          .header("Content-Type", "application/json")
          .header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
          .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(
              WebhookSignature.unitKey(signingKey, message.unitId()), timestamp, body))
          .header(WebhookSignature.IDEMPOTENCY_KEY, message.id().toString())
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 300) {
        return new Result.Sent();
      }
      return new Result.Failed(status >= 500 || RETRYABLE_4XX.contains(status), "webhook answered " + status);
    } catch (HttpTimeoutException e) {
      return new Result.Failed(true, "webhook did not answer within " + timeout.toMillis() + " ms");
    } catch (IOException | IllegalArgumentException e) {
      return new Result.Failed(true, "webhook unreachable (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result.Failed(true, "interrupted");
    }
  }

  static byte[] body(Message message) {
    Map<String, String> json = new LinkedHashMap<>();
    json.put("notificationId", message.id().toString());
    json.putAll(message.fields());
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
