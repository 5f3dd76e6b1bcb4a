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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.komar.events.ReferralRequested;
import org.komar.infra.test.StandIns;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * A hotline recording an intake every 200 ms while a test breaks things, and the promise checked afterwards:
 * every intake answered 201 has exactly one police and one counselling referral, its police unit was told (a
 * repeat only ever with the same idempotency key), and there is nothing else. An intake not answered 201 promised
 * nothing, whatever became of it.
 */
final class SteadyIntakes implements AutoCloseable {

  private static final Pattern CASE_ID = Pattern.compile("\"caseId\":\"([^\"]+)\"");
  private static final Duration EVERY = Duration.ofMillis(200);

  private final Platform platform;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  /** When each accepted intake was answered, to tell which fault a missing one met. */
  private final Map<String, java.time.Instant> acceptedAt = new ConcurrentHashMap<>();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicBoolean loading = new AtomicBoolean(true);
  private final Thread load;

  SteadyIntakes(Platform platform) {
    this.platform = platform;
    load = Thread.ofPlatform().name("intake-load").start(() -> {
      while (loading.get()) {
        String operator;
        try {
          operator = TestStack.shared().keycloak().bearer("operator");
        } catch (RuntimeException signInRefused) {
          refused.incrementAndGet(); // no token, no intake: nothing promised, and the load goes on
          sleep(EVERY);
          continue;
        }
        post(operator);
        sleep(EVERY);
      }
    });
  }

  /** Stops the load; returns how many intakes were answered 201. */
  int stop() throws InterruptedException {
    loading.set(false);
    load.join();
    return accepted.size();
  }

  /** Intakes answered anything but 201, or not at all. */
  int refused() {
    return refused.get();
  }

  /** Checks the promise for every intake answered 201. */
  void assertEveryAcceptedIntakeHasExactlyItsReferralsAndNotifications() {
    Map<String, ReferralRequested> police = exactlyOnePerCase(Topics.REFERRALS_POLICE);
    exactlyOnePerCase(Topics.REFERRALS_PSYCHOSOCIAL);
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(police.values()).allMatch(referral ->
        !webhooksFor(referral).isEmpty()));
    for (ReferralRequested referral : police.values()) {
      assertThat(webhooksFor(referral).stream().map(request -> request.header("Idempotency-Key"))
          .collect(Collectors.toSet())).as(referral.getCaseId()).hasSize(1);
    }
  }

  private Map<String, ReferralRequested> exactlyOnePerCase(Topic<String, ReferralRequested> topic) {
    KomarSerdes serdes = new KomarSerdes(platform.registryApiUrl(), "/komar/test");
    List<ConsumerRecord<String, ReferralRequested>> referrals = TopicReader.read(platform.kafkaSettings(),
        topic.name(), serdes.valueSerde(topic).deserializer(), record -> accepted.contains(record.key()),
        accepted.size(), Duration.ofSeconds(120));
    Set<String> referred = referrals.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    assertThat(referrals).as(() -> topic.name() + "; " + whereTheyStopped(accepted.stream()
        .filter(caseId -> !referred.contains(caseId)).collect(Collectors.toSet()))).hasSize(accepted.size());
    assertThat(referrals.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(accepted);
    return referrals.stream().collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
  }

  /** For a failure's message: when the missing cases were accepted, and which topics they reached. */
  private String whereTheyStopped(Set<String> missing) {
    List<String> when = missing.stream().map(acceptedAt::get).sorted().map(Object::toString).toList();
    StringBuilder text = new StringBuilder().append(missing.size()).append(" accepted but not referred, accepted ")
        .append(when.isEmpty() ? "-" : when.getFirst() + " to " + when.getLast());
    for (String topic : List.of(Topics.CASE_INTAKES.name(), Topics.CASE_STATES.name())) {
      int found = TopicReader.read(platform.kafkaSettings(), topic,
          new org.apache.kafka.common.serialization.ByteArrayDeserializer(), record -> missing.contains(record.key()),
          missing.size(), Duration.ofSeconds(10)).stream().map(ConsumerRecord::key).collect(Collectors.toSet()).size();
      text.append("; ").append(found).append(" of them in ").append(topic);
    }
    return text.append("; their last states: ").append(lastStates(missing)).toString();
  }

  /**
   * What routing last recorded of each missing case: its status, and each referral's service, state and unit
   * (INTERNAL fields only), so that a failure says whether the router chose no unit or wrote a state without its
   * referral.
   */
  private Map<String, String> lastStates(Set<String> missing) {
    KomarSerdes serdes = new KomarSerdes(platform.registryApiUrl(), "/komar/test");
    Map<String, String> states = new java.util.TreeMap<>();
    TopicReader.read(platform.kafkaSettings(), Topics.CASE_STATES.name(),
        serdes.valueSerde(Topics.CASE_STATES).deserializer(), record -> missing.contains(record.key()),
        Integer.MAX_VALUE, Duration.ofSeconds(10)).forEach(record -> states.put(record.key(),
        record.value().getStatus() + " v" + record.value().getVersion() + " " + record.value().getReferrals().stream()
            .map(referral -> referral.getService() + ":" + referral.getState() + "@" + referral.getUnitId())
            .toList()));
    missing.forEach(caseId -> states.putIfAbsent(caseId, "no state"));
    return states;
  }

  private List<StandIns.Received> webhooksFor(ReferralRequested referral) {
    return platform.agencies.webhooksOf(referral.getUnitId()).stream()
        .filter(request -> request.body().contains(referral.getReferralId())
            && request.body().contains("\"template\":\"REFERRAL_REQUESTED\"")).toList();
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
      Matcher caseId = CASE_ID.matcher(response.body());
      if (response.statusCode() == 201 && caseId.find()) {
        acceptedAt.put(caseId.group(1), java.time.Instant.now());
        accepted.add(caseId.group(1));
      } else {
        refused.incrementAndGet();
      }
    } catch (java.io.IOException e) {
      refused.incrementAndGet(); // the intake service is down or did not answer: no 201, nothing promised
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
