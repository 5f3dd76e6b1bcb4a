package org.komar.notification.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.komar.events.AgencyUnit;
import org.komar.events.NotificationDelivered;
import org.komar.events.NotificationFailed;
import org.komar.events.ReferralRequested;
import org.komar.infra.test.CanaryScanner;
import org.komar.infra.test.SampleEvents;
import org.komar.notification.Events;
import org.komar.notification.OnNotificationStack;
import org.komar.notification.directory.AgencyDirectory;
import org.komar.schemas.Topics;

/** A referral reaches its unit over every channel the directory gives it, once, signed, and without the child. */
@MicronautTest
class NotificationDeliveryTest extends OnNotificationStack {

  @Inject
  AgencyDirectory directory;


  @Test
  void shouldTellTheUnitByWebhookSmsAndEmailOnceAndNothingAboutTheChild() throws Exception {
    // Given a unit with a webhook, an SMS number and an email address
    AgencyUnit unit = unit("police", true, "+855 63 000 111", "duty@" + run + "police.example.org");
    Events.send(Topics.AGENCY_UNITS, unit.getUnitId(), unit);
    await().atMost(Duration.ofSeconds(20)).until(() -> directory.unit(unit.getUnitId()).isPresent());
    String caseId = UUID.randomUUID().toString();
    ReferralRequested referral = ReferralRequested.newBuilder(samples.referralRequested(caseId, "r-" + run))
        .setUnitId(unit.getUnitId()).build();

    // When the referral is published, and published again
    Events.send(Topics.REFERRALS_POLICE, caseId, referral);
    Events.send(Topics.REFERRALS_POLICE, caseId, referral);

    // Then the unit's webhook gets one signed request, its SMS number one message, its mailbox one email
    var delivered = Events.receipts(receipt -> caseId.equals(receipt.key())
        && receipt.value().getReceipt() instanceof NotificationDelivered, 3, Duration.ofSeconds(30));
    assertThat(delivered).extracting(receipt -> ((NotificationDelivered) receipt.value().getReceipt()).getChannel()
        .name()).containsExactlyInAnyOrder("WEBHOOK", "SMS", "EMAIL");
    List<org.komar.infra.test.StandIns.Received> webhook = standIns.webhooksOf(unit.getUnitId());
    assertThat(webhook).hasSize(1);
    assertThat(webhook.getFirst().signatureValid()).isTrue();
    assertThat(webhook.getFirst().header("Idempotency-Key")).isEqualTo(((NotificationDelivered) delivered.stream()
        .filter(r -> ((NotificationDelivered) r.value().getReceipt()).getChannel().name().equals("WEBHOOK"))
        .findFirst().orElseThrow().value().getReceipt()).getNotificationId());
    assertThat(webhook.getFirst().body()).contains("\"caseReference\":\"" + referral.getCaseReference() + "\"")
        .contains("\"referralId\":\"r-" + run + "\"").doesNotContain("childIdentity", "narrative")
        // A link to where the unit does the work: the console's page of the case, not a raw API address
        .contains("http://localhost:8084/cases/" + referral.getCaseId()).doesNotContain("/api/v1/");
    List<org.komar.infra.test.StandIns.Received> sms = standIns.sms.stream()
        .filter(request -> request.body().contains("+855 63 000 111")).toList();
    assertThat(sms).hasSize(1);
    assertThat(sms.getFirst().body()).contains("\"encoding\":\"UCS2\"");
    MimeMessage[] mails = smtp.getReceivedMessagesForDomain(run + "police.example.org");
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).contains(referral.getCaseReference()).contains("ការបញ្ជូន");

    // And no body, header or log line carries the child's identity, the narrative or the URLs
    Map<String, String> payloads = new HashMap<>();
    webhook.forEach(request -> payloads.put("webhook " + request.path(), request.body() + request.headers()));
    sms.forEach(request -> payloads.put("sms", request.body() + request.headers()));
    for (MimeMessage mail : mails) {
      payloads.put("email", GreenMailUtil.getWholeMessage(mail));
    }
    CanaryScanner canaries = new CanaryScanner(SampleEvents.CANARIES);
    List<CanaryScanner.Hit> hits = new ArrayList<>(canaries.scanPayloads(payloads));
    hits.addAll(canaries.scanFiles(List.of(Path.of("target", "notification-service-test.log"))));
    assertThat(hits).isEmpty();
  }

  @Test
  void shouldRecordAFailureAtOnceForAUnitItCannotReach() {
    AgencyUnit unreachable = unit("nowhere", false, null, null);
    Events.send(Topics.AGENCY_UNITS, unreachable.getUnitId(), unreachable);
    await().atMost(Duration.ofSeconds(20)).until(() -> directory.unit(unreachable.getUnitId()).isPresent());
    String caseId = UUID.randomUUID().toString();

    Events.send(Topics.REFERRALS_POLICE, caseId, ReferralRequested.newBuilder(
        samples.referralRequested(caseId, "r-" + run)).setUnitId(unreachable.getUnitId()).build());

    var failed = Events.receipts(receipt -> caseId.equals(receipt.key()), 1, Duration.ofSeconds(30));
    assertThat(failed).hasSize(1);
    assertThat(failed.getFirst().value().getReceipt()).isInstanceOfSatisfying(NotificationFailed.class,
        receipt -> assertThat(receipt.getUnitId()).isEqualTo(unreachable.getUnitId()));
  }
}
