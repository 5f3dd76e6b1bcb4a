package org.komar.notification.store;

import java.util.Map;
import java.util.UUID;
import org.komar.events.Language;
import org.komar.events.NotificationChannel;
import org.komar.events.Recipient;
import org.komar.notification.plan.Template;

/** A delivery claimed for an attempt: everything needed to render and send it, and to report on it. */
public record Delivery(UUID id, String eventId, String sourceTopic, byte[] sourceValue, String caseId,
    Recipient recipient, String unitId, NotificationChannel channel, String address, String lane, Template template,
    Language language, Map<String, String> variables, int attempts) {
}
