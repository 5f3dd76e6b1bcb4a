package org.komar.notification.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.komar.events.AgencyUnit;
import org.komar.notification.Events;
import org.komar.notification.OnNotificationStack;
import org.komar.notification.directory.AgencyDirectory;
import org.komar.schemas.Topics;

/**
 * An SMTP server that takes connections and never answers (its lane's senders all wait) does not hold up an
 * agency's webhook: each lane has senders of its own.
 */
@MicronautTest
class HangingSmtpTest extends OnNotificationStack {

  private final ServerSocket hangingSmtp;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  @Inject
  AgencyDirectory directory;

  HangingSmtpTest() throws IOException {
    hangingSmtp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("hanging-smtp").start(() -> {
      while (!hangingSmtp.isClosed()) {
        try {
          held.add(hangingSmtp.accept()); // and never a greeting
        } catch (IOException closed) {
          return;
        }
      }
    });
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
    properties.put("komar.notification.email.smtp-port", Integer.toString(hangingSmtp.getLocalPort()));
    return properties;
  }

  @Test
  void shouldDeliverAWebhookWhileTheSmtpServerHangs() {
    // Given units that are reached by email alone, enough of them to fill the email lane's senders, and one webhook
    List<AgencyUnit> byEmail = List.of(known(unit("mail-1", false, null, "desk1@police.example")),
        known(unit("mail-2", false, null, "desk2@police.example")),
        known(unit("mail-3", false, null, "desk3@police.example")),
        known(unit("mail-4", false, null, "desk4@police.example")),
        known(unit("mail-5", false, null, "desk5@police.example")));
    AgencyUnit byWebhook = known(unit("hook", true, null, null));

    // When the emails go first, and the SMTP server has taken their connections
    byEmail.forEach(unit -> {
      String caseId = UUID.randomUUID().toString();
      Events.send(Topics.REFERRALS_POLICE, caseId, referralTo(caseId, unit));
    });
    await().atMost(Duration.ofSeconds(20)).until(() -> !held.isEmpty());
    long sent = System.nanoTime();
    String caseId = UUID.randomUUID().toString();
    Events.send(Topics.REFERRALS_POLICE, caseId, referralTo(caseId, byWebhook));

    // Then the webhook arrives within a second or two, as the SMTP server still holds the emails' connections
    await().atMost(Duration.ofSeconds(5)).until(() -> !standIns.webhooksOf(byWebhook.getUnitId()).isEmpty());
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(3));
    assertThat(held).isNotEmpty();
  }

  private AgencyUnit known(AgencyUnit unit) {
    Events.send(Topics.AGENCY_UNITS, unit.getUnitId(), unit);
    await().atMost(Duration.ofSeconds(20)).until(() -> directory.unit(unit.getUnitId()).isPresent());
    return unit;
  }

  @AfterAll
  void stopHangingSmtp() throws IOException {
    hangingSmtp.close();
    for (Socket socket : held) {
      socket.close();
    }
  }
}
