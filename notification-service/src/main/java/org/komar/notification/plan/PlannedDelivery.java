package org.komar.notification.plan;

import java.util.Map;
import org.komar.events.Language;
import org.komar.events.NotificationChannel;
import org.komar.events.Recipient;

/**
 * One message the planner asks for: to whom, over which channel and address (none for a reporter, whose
 * contact stays sealed until sending), on which lane (the destination whose failures and slowness it shares:
 * a webhook URL, the SMS gateway, the SMTP server), and the template with its INTERNAL variables.
 */
public record PlannedDelivery(Recipient recipient, String unitId, NotificationChannel channel, String address,
    String lane, Template template, Language language, Map<String, String> variables) {

  public static final String SMS_LANE = "sms-gateway";
  public static final String EMAIL_LANE = "smtp";
}
