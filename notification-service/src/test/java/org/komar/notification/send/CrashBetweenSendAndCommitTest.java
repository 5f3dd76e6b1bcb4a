package org.komar.notification.send;

import static org.assertj.core.api.Assertions.assertThat;
import org.komar.infra.test.StandIns;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.komar.events.AgencyUnit;
import org.komar.events.Language;
import org.komar.events.NotificationDelivered;
import org.komar.events.Province;
import org.komar.events.Service;
import org.komar.infra.test.SampleEvents;
import org.komar.infra.test.ServiceJvm;
import org.komar.infra.test.TestStack;
import org.komar.notification.Events;
import org.komar.schemas.Topics;

/**
 * The service is killed after an agency received a message and before the service could record it: the next
 * instance sends it once more, with the same idempotency key, so the agency can drop it; never a third time.
 */
class CrashBetweenSendAndCommitTest {

  private final StandIns standIns = new StandIns();
  private final String run = "crash" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void stop() {
    standIns.close();
  }

  @Test
  void shouldSendAtMostOneDuplicateWithTheSameKeyAfterACrash() {
    String unitId = run + "-police";
    Events.send(Topics.AGENCY_UNITS, unitId, AgencyUnit.newBuilder().setUnitId(unitId).setName("Crash unit")
        .setService(Service.POLICE).setProvinces(List.of(Province.SIEM_REAP)).setLanguages(List.of(Language.KHMER))
        .setFemaleOfficersAvailable(1).setCapacity(10).setActive(true).setWebhookUrl(standIns.webhookUrl(unitId))
        .build());
    // The first request is held long enough for the sender to die before it hears the answer
    standIns.answer(unitId, n -> n == 1 ? new StandIns.Answer(200, Duration.ofSeconds(8)) : StandIns.Answer.ok());
    Map<String, String> settings = Map.of(
        "NOTIFY_GROUP_ID", "komar-notification-" + run,
        "WEBHOOK_SIGNING_KEY", TestStack.shared().serviceProperties(null)
            .get("komar.notification.webhook-signing-key"),
        "WEBHOOK_TIMEOUT", "20s",
        "NOTIFY_LEASE", "3s",
        "NOTIFY_POLL_INTERVAL", "50ms",
        "VAULT_URL", "http://127.0.0.1:9");
    String caseId = UUID.randomUUID().toString();

    try (ServiceJvm first = start("a", settings)) {
      Events.send(Topics.REFERRALS_POLICE, caseId, org.komar.events.ReferralRequested.newBuilder(
          SampleEvents.withOwnVault(Path.of("target", "test-stack", "secrets")).referralRequested(caseId, "r-" + run))
          .setUnitId(unitId).build());
      await().atMost(Duration.ofSeconds(30)).until(() -> !standIns.webhooksOf(unitId).isEmpty());
      first.kill();
    }
    try (ServiceJvm second = start("b", settings)) {
      var delivered = Events.receipts(receipt -> caseId.equals(receipt.key()), 1, Duration.ofSeconds(30));
      assertThat(delivered).as(second.logTail()).hasSize(1);
      assertThat(delivered.getFirst().value().getReceipt()).isInstanceOf(NotificationDelivered.class);
      var requests = standIns.webhooksOf(unitId);
      assertThat(requests).hasSize(2);
      assertThat(requests.get(1).header("Idempotency-Key")).isEqualTo(requests.get(0).header("Idempotency-Key"));
    }
  }

  private ServiceJvm start(String name, Map<String, String> settings) {
    return ServiceJvm.start(run + "-notification-" + name, "org.komar.notification.NotificationApplication",
        "notification", settings, health -> health.contains("\"UP\""));
  }
}
