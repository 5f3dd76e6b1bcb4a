package org.komar.notification.send;

import java.util.Map;
import java.util.UUID;
import org.komar.events.NotificationChannel;
import org.komar.notification.plan.Templates;

/**
 * A way to reach someone: webhook, SMS gateway or email. A channel sends one message and says whether it
 * arrived; it never retries (the delivery worker does) and never logs the message or its address.
 */
public interface Channel {

  NotificationChannel kind();

  Result send(Message message);

  /** Why this channel cannot send at all here (not configured), checked before a message is prepared. */
  default java.util.Optional<String> unavailable() {
    return java.util.Optional.empty();
  }

  /**
   * A message ready to go: its id (the idempotency key receivers see), where to, for which unit (none for a
   * reporter), the rendered text, and the INTERNAL fields a webhook's JSON carries.
   */
  record Message(UUID id, String address, String unitId, Templates.Rendered rendered, Map<String, String> fields) {
  }

  /** What became of one attempt. */
  sealed interface Result {

    record Sent() implements Result {
    }

    /** Not sent; {@code retryable} when another attempt may succeed. The reason names no content. */
    record Failed(boolean retryable, String reason) implements Result {
    }
  }
}
