package org.komar.notification.send;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.komar.events.NotificationChannel;

/**
 * Sends email over SMTP (Jakarta Mail): plain UTF-8 text, the notification id in {@code Message-ID} and
 * {@code Idempotency-Key}. Connection and read time out after 10 seconds. Without {@code SMTP_HOST} every email
 * fails, and says so. Only over STARTTLS, unless the server is on this machine's loopback.
 */
@Singleton
public final class EmailChannel implements Channel {

  private final String host;
  private final Session session;
  private final String from;

  EmailChannel(@Value("${komar.notification.email.smtp-host:}") String host,
      @Value("${komar.notification.email.smtp-port:25}") int port,
      @Value("${komar.notification.email.smtp-user:}") String user,
      @Value("${komar.notification.email.smtp-password:}") String password,
      @Value("${komar.notification.email.from:no-reply@localhost}") String from) {
    this.host = host;
    this.from = from;
    Authenticator login = user.isBlank() ? null : new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(user, password);
      }
    };
    this.session = Session.getInstance(sessionProperties(host, port, login != null), login);
  }

  /**
   * Jakarta Mail's settings for this server. Mail leaves the machine only over STARTTLS, with the server's
   * certificate and name checked: a message to a unit names a case, and a password may go with it. A server on
   * this machine's loopback (the local platform's, a test's) is spoken to as it is.
   */
  static Properties sessionProperties(String host, int port, boolean authenticated) {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", host);
    properties.put("mail.smtp.port", Integer.toString(port));
    properties.put("mail.smtp.connectiontimeout", "10000");
    properties.put("mail.smtp.timeout", "10000");
    properties.put("mail.smtp.writetimeout", "10000");
    properties.put("mail.smtp.auth", Boolean.toString(authenticated));
    if (!isLoopback(host)) {
      properties.put("mail.smtp.starttls.enable", "true");
      properties.put("mail.smtp.starttls.required", "true");
      properties.put("mail.smtp.ssl.checkserveridentity", "true");
    }
    return properties;
  }

  private static boolean isLoopback(String host) {
    if (host.isBlank()) {
      return false;
    }
    try {
      return java.util.Arrays.stream(java.net.InetAddress.getAllByName(host))
          .allMatch(java.net.InetAddress::isLoopbackAddress);
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  @Override
  public NotificationChannel kind() {
    return NotificationChannel.EMAIL;
  }

  @Override
  public java.util.Optional<String> unavailable() {
    return host.isBlank() ? java.util.Optional.of("no SMTP server is configured (SMTP_HOST)")
        : java.util.Optional.empty();
  }

  @Override
  public Result send(Message message) {
    if (host.isBlank()) {
      return new Result.Failed(false, unavailable().orElseThrow());
    }
    try {
      MimeMessage mail = new MimeMessage(session) {
        @Override
        protected void updateMessageID() throws MessagingException {
          setHeader("Message-ID", "<" + message.id() + "@komar>");
        }
      };
      mail.setFrom(new InternetAddress(from));
      mail.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(message.address()));
      mail.setSubject(message.rendered().subject(), StandardCharsets.UTF_8.name());
      mail.setText(message.rendered().text(), StandardCharsets.UTF_8.name());
      mail.setHeader("Idempotency-Key", message.id().toString());
      Transport.send(mail);
      return new Result.Sent();
    } catch (jakarta.mail.internet.AddressException e) {
      return new Result.Failed(false, "the email address is not valid");
    } catch (MessagingException e) {
      return new Result.Failed(true, "SMTP failed (" + e.getClass().getSimpleName() + ")");
    }
  }
}
