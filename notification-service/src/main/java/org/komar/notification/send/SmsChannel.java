package org.komar.notification.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.komar.events.NotificationChannel;

/**
 * Sends SMS through an HTTP gateway ({@code SMS_GATEWAY_URL}, bearer {@code SMS_GATEWAY_TOKEN}): one JSON request
 * per message with its reference (the notification id, for the gateway to drop a repeat), the number, the
 * encoding and the parts ({@link SmsParts}). Without a configured gateway every SMS fails, and says so.
 * The JDK's own HTTP client, like {@link WebhookChannel}'s, so that both channels tell a timeout, an unreachable
 * endpoint and each status apart in the same way; the one gateway would fit a declarative client as well.
 */
@Singleton
public final class SmsChannel implements Channel {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String gatewayUrl;
  private final String token;
  private final String sender;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  SmsChannel(@Value("${komar.notification.sms.gateway-url:}") String gatewayUrl,
      @Value("${komar.notification.sms.gateway-token:}") String token,
      @Value("${komar.notification.sms.sender:Komar}") String sender) {
    this.gatewayUrl = gatewayUrl;
    this.token = token;
    this.sender = sender;
  }

  @Override
  public NotificationChannel kind() {
    return NotificationChannel.SMS;
  }

  @Override
  public java.util.Optional<String> unavailable() {
    return gatewayUrl.isBlank() ? java.util.Optional.of("no SMS gateway is configured (SMS_GATEWAY_URL)")
        : java.util.Optional.empty();
  }

  @Override
  public Result send(Message message) {
    if (gatewayUrl.isBlank()) {
      return new Result.Failed(false, unavailable().orElseThrow());
    }
    SmsParts.Split split = SmsParts.split(message.rendered().text());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reference", message.id().toString());
    body.put("from", sender);
    body.put("to", message.address());
    body.put("encoding", split.encoding().name());
    body.put("parts", split.parts());
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl)).timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      if (!token.isBlank()) {
        request.header("Authorization", "Bearer " + token);
      }
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 300) {
        return new Result.Sent();
      }
      return new Result.Failed(status >= 500 || status == 429 || status == 408, "SMS gateway answered " + status);
    } catch (HttpTimeoutException e) {
      return new Result.Failed(true, "SMS gateway did not answer in time");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException | IllegalArgumentException e) {
      return new Result.Failed(true, "SMS gateway unreachable (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result.Failed(true, "interrupted");
    }
  }
}
