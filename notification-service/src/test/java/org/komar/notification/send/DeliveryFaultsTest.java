package org.komar.notification.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.komar.events.AgencyUnit;
import org.komar.events.NotificationDelivered;
import org.komar.events.NotificationFailed;
import org.komar.infra.test.StandIns;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.notification.Events;
import org.komar.notification.OnNotificationStack;
import org.komar.notification.directory.AgencyDirectory;
import org.komar.schemas.Topics;

/** Agencies' endpoints fail and hang; messages are retried, and one agency's trouble never delays another's. */
@MicronautTest
class DeliveryFaultsTest extends OnNotificationStack {

  @Inject
  AgencyDirectory directory;

  @Test
  void shouldDeliverOnceAfterThreeServerErrors() {
    AgencyUnit flaky = webhookUnit("flaky");
    standIns.answer(flaky.getUnitId(), n -> n <= 3 ? new StandIns.Answer(500, Duration.ZERO) : StandIns.Answer.ok());
    String caseId = UUID.randomUUID().toString();

    Events.send(Topics.REFERRALS_POLICE, caseId, referralTo(caseId, flaky));

    var receipts = Events.receipts(receipt -> caseId.equals(receipt.key()), 1, Duration.ofSeconds(30));
    assertThat(receipts).hasSize(1);
    assertThat(receipts.getFirst().value().getReceipt()).isInstanceOfSatisfying(NotificationDelivered.class,
        delivered -> assertThat(delivered.getAttempts()).isEqualTo(4));
    var requests = standIns.webhooksOf(flaky.getUnitId());
    assertThat(requests).hasSize(4);
    assertThat(requests).extracting(request -> request.header("Idempotency-Key")).containsOnly(
        ((NotificationDelivered) receipts.getFirst().value().getReceipt()).getNotificationId());
    assertThat(requests).allMatch(StandIns.Received::signatureValid);
  }

  @Test
  void shouldNotLetAHangingAgencyDelayAnotherAndFailItForGoodAfterItsBudget() {
    // Given one agency whose webhook never answers in time, and one that works
    AgencyUnit hanging = webhookUnit("hanging");
    AgencyUnit working = webhookUnit("working");
    standIns.answer(hanging.getUnitId(), n -> new StandIns.Answer(200, Duration.ofSeconds(5)));
    String stuckCase = UUID.randomUUID().toString();
    String otherCase = UUID.randomUUID().toString();

    // When the hanging agency's referral comes first
    Events.send(Topics.REFERRALS_POLICE, stuckCase, referralTo(stuckCase, hanging));
    await().atMost(Duration.ofSeconds(20)).until(() -> !standIns.webhooksOf(hanging.getUnitId()).isEmpty());
    long sent = System.nanoTime();
    Events.send(Topics.REFERRALS_POLICE, otherCase, referralTo(otherCase, working));

    // Then the working agency has its message within a second or two, while the other still hangs
    await().atMost(Duration.ofSeconds(5)).until(() -> !standIns.webhooksOf(working.getUnitId()).isEmpty());
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(3));
    // And the hanging agency's message fails for good after its attempts, with a receipt and a dead letter
    var failed = Events.receipts(receipt -> stuckCase.equals(receipt.key()), 1, Duration.ofSeconds(40));
    assertThat(failed).hasSize(1);
    assertThat(failed.getFirst().value().getReceipt()).isInstanceOfSatisfying(NotificationFailed.class,
        receipt -> assertThat(receipt.getError()).contains("did not answer"));
    var parked = TopicReader.read(TestStack.shared().kafkaSettings(), Topics.REFERRALS_POLICE.deadLetter()
        .name(), new ByteArrayDeserializer(), record -> stuckCase.equals(record.key()), 1, Duration.ofSeconds(10));
    assertThat(parked).hasSize(1);
    assertThat(new String(parked.getFirst().headers().lastHeader("komar.error.message").value(),
        StandardCharsets.UTF_8)).contains("failed after");
  }

  @Test
  void shouldNeverPostToAPrivateAddressThatReachedTheDirectoryTopicWithoutItsApi() {
    // A unit written straight to agency-units, as a compromised writer of the topic could, past the directory's
    // own check: its webhook points at a cloud's metadata service.
    AgencyUnit forged = AgencyUnit.newBuilder(unit("forged", false, null, null))
        .setWebhookUrl("https://169.254.169.254/latest/meta-data/").build();
    Events.send(Topics.AGENCY_UNITS, forged.getUnitId(), forged);
    await().atMost(Duration.ofSeconds(20)).until(() -> directory.unit(forged.getUnitId()).isPresent());
    String caseId = UUID.randomUUID().toString();

    Events.send(Topics.REFERRALS_POLICE, caseId, referralTo(caseId, forged));

    // Refused before any connection, for good: not tried again as an unreachable endpoint would be
    var failed = Events.receipts(receipt -> caseId.equals(receipt.key()), 1, Duration.ofSeconds(30));
    assertThat(failed).hasSize(1);
    assertThat(failed.getFirst().value().getReceipt()).isInstanceOfSatisfying(NotificationFailed.class, receipt -> {
      assertThat(receipt.getError()).contains("webhook address refused");
      assertThat(receipt.getAttempts()).isEqualTo(1);
    });
  }

  private AgencyUnit webhookUnit(String name) {
    AgencyUnit unit = unit(name, true, null, null);
    Events.send(Topics.AGENCY_UNITS, unit.getUnitId(), unit);
    await().atMost(Duration.ofSeconds(20)).until(() -> directory.unit(unit.getUnitId()).isPresent());
    return unit;
  }
}
