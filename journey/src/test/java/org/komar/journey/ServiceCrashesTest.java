package org.komar.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.komar.events.ReferralRequested;
import org.komar.infra.test.BearerTokens;
import org.komar.infra.test.ServiceJvm;
import org.komar.infra.test.StandIns;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * Under a steady stream of intakes, each service is killed in turn (SIGKILL: no shutdown, no commit) and started
 * again. Afterwards every intake that was answered 201 has exactly one police and one counselling referral, and
 * its police unit was told, any repeat carrying the same idempotency key; nothing else.
 */
class ServiceCrashesTest extends OnPlatform {

  private static final Duration BETWEEN_KILLS = Duration.ofSeconds(6);
  private static final java.util.regex.Pattern CASE_ID = java.util.regex.Pattern.compile("\"caseId\":\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();

  @Test
  void shouldGiveEveryAcceptedIntakeExactlyItsReferralsAndNotificationsThroughKillsOfEachService() throws Exception {
    AtomicBoolean loading = new AtomicBoolean(true);
    Thread load = Thread.ofPlatform().name("intake-load").start(() -> {
      String operator = BearerTokens.hotline("operator-1", "HOTLINE_OPERATOR", "hotline-1280");
      while (loading.get()) {
        post(operator);
        sleep(Duration.ofMillis(200));
      }
    });
    sleep(BETWEEN_KILLS);
    platform.intake = restart(platform.intake, platform::startIntake);
    sleep(BETWEEN_KILLS);
    platform.routing = restart(platform.routing, platform::startRouting);
    sleep(BETWEEN_KILLS);
    platform.notification = restart(platform.notification, platform::startNotification);
    sleep(BETWEEN_KILLS);
    loading.set(false);
    load.join();
    assertThat(accepted).as("intakes answered 201").hasSizeGreaterThan(20);
    System.out.printf("Intake, routing and notification each killed and restarted under load: %d intakes answered "
        + "201%n", accepted.size());

    // Exactly one police and one counselling referral per accepted intake
    Map<String, ReferralRequested> police = exactlyOnePerCase(Topics.REFERRALS_POLICE);
    exactlyOnePerCase(Topics.REFERRALS_PSYCHOSOCIAL);

    // And every police referral reached its unit, a repeat only ever with the same idempotency key
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(police.values()).allMatch(referral ->
        !webhooksFor(referral).isEmpty()));
    for (ReferralRequested referral : police.values()) {
      assertThat(webhooksFor(referral).stream().map(request -> request.header("Idempotency-Key"))
          .collect(Collectors.toSet())).as(referral.getCaseId()).hasSize(1);
    }
  }

  private Map<String, ReferralRequested> exactlyOnePerCase(Topic<String, ReferralRequested> topic) {
    KomarSerdes serdes = new KomarSerdes(TestStack.shared().registry().registryApiUrl());
    List<ConsumerRecord<String, ReferralRequested>> referrals = TopicReader.read(
        TestStack.shared().kafkaBootstrapServers(), topic.name(), serdes.valueSerde(topic).deserializer(),
        record -> accepted.contains(record.key()), accepted.size(), Duration.ofSeconds(120));
    assertThat(referrals).as(topic.name()).hasSize(accepted.size());
    assertThat(referrals.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(accepted);
    return referrals.stream().collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
  }

  private List<StandIns.Received> webhooksFor(ReferralRequested referral) {
    return platform.agencies.webhooksOf(referral.getUnitId()).stream()
        .filter(request -> request.body().contains(referral.getReferralId())
            && request.body().contains("\"template\":\"REFERRAL_REQUESTED\"")).toList();
  }

  private ServiceJvm restart(ServiceJvm service, java.util.function.Supplier<ServiceJvm> start) {
    service.kill();
    return start.get();
  }

  private void post(String operator) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(platform.intake.uri()
              .resolve("/api/v1/intakes")).timeout(Duration.ofSeconds(5)).header("Authorization", operator)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
              {"hotlineId": "hotline-1280", "channel": "HOTLINE_PHONE", "reporterRelationship": "SELF",
               "child": {"ageBand": "AGE_13_TO_15", "gender": "GIRL", "province": "SIEM_REAP", "language": "KHMER"},
               "preferences": {"femaleOfficer": true, "contactChannel": "PHONE_CALL", "language": "KHMER"},
               "consents": [{"purpose": "POLICE_REFERRAL", "granted": true, "givenBy": "CHILD"},
                            {"purpose": "PSYCHOSOCIAL_SUPPORT", "granted": true, "givenBy": "CHILD"}],
               "incidentCategories": ["GROOMING"], "riskLevel": "MEDIUM", "narrative": "Load test case."}""")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 201) {
        java.util.regex.Matcher caseId = CASE_ID.matcher(response.body());
        if (caseId.find()) {
          accepted.add(caseId.group(1));
        }
      }
    } catch (java.io.IOException e) {
      // the intake service is down: no 201, nothing promised
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
