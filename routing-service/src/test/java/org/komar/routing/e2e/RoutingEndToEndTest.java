package org.komar.routing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.komar.events.CaseState;
import org.komar.events.IndicatorSnapshot;
import org.komar.events.IntakeReceived;
import org.komar.events.ReferralRequested;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.routing.Intakes;
import org.komar.schemas.CloudEvents;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * The router on a real broker, registry and its own JVM: every intake is routed exactly once even when the
 * router is killed mid-run and started again, and a record it cannot read is parked, not lost.
 */
class RoutingEndToEndTest {

  private static final int CASES = 80;

  private final TestStack stack = TestStack.shared();
  private final StackEvents events = new StackEvents(stack);
  private final KomarSerdes serdes = events.serdes();
  private final String run = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  @Test
  void shouldRouteEveryIntakeExactlyOnceAcrossACrashOfTheRouter() throws Exception {
    // Given the sample directory and a router of its own on the shared broker
    events.seedDirectory();
    String applicationId = "komar-routing-" + run;
    Path stateDir = Files.createDirectories(Path.of("target", "test-stack", run + "state")).toAbsolutePath();
    try (RoutingProcess first = RoutingProcess.start(run + "router-a", applicationId, stateDir)) {
      // When half the intakes arrive and the router is killed while it routes them
      events.send(Topics.CASE_INTAKES, intakes(0, CASES / 2));
      TopicReader.read(stack.kafkaSettings(), Topics.REFERRALS_POLICE.name(),
          serdes.valueSerde(Topics.REFERRALS_POLICE).deserializer(), this::ofThisRun, CASES / 8,
          Duration.ofSeconds(60));
      first.kill();
    }
    // And the other half arrive while it is down, and it starts again on the same state
    events.send(Topics.CASE_INTAKES, intakes(CASES / 2, CASES));
    try (RoutingProcess second = RoutingProcess.start(run + "router-b", applicationId, stateDir)) {
      // Then every case has exactly one police and one counselling referral, none lost, none twice
      for (Topic<String, ReferralRequested> topic : List.of(Topics.REFERRALS_POLICE, Topics.REFERRALS_PSYCHOSOCIAL)) {
        List<ConsumerRecord<String, ReferralRequested>> referrals = TopicReader.read(stack.kafkaSettings(),
            topic.name(), serdes.valueSerde(topic).deserializer(), this::ofThisRun, CASES, Duration.ofSeconds(90));
        assertThat(referrals).as(topic.name() + "\n" + second.logTail()).hasSize(CASES);
        assertThat(referrals.stream().map(ConsumerRecord::key).distinct()).hasSize(CASES);
      }
      // And every case's state lists both referrals
      List<ConsumerRecord<String, CaseState>> states = TopicReader.read(stack.kafkaSettings(),
          Topics.CASE_STATES.name(), serdes.valueSerde(Topics.CASE_STATES).deserializer(), this::ofThisRun, CASES,
          Duration.ofSeconds(30));
      assertThat(states.stream().map(ConsumerRecord::key).distinct()).hasSize(CASES);
      assertThat(states).allSatisfy(state -> assertThat(state.value().getReferrals()).hasSize(2));
      // And what the router wrote carries its CloudEvents headers on the broker, indicators included
      assertThat(referrals(Topics.REFERRALS_POLICE)).allSatisfy(referral -> {
        assertThat(header(referral, CloudEvents.ID)).isEqualTo(referral.value().getEventId());
        assertThat(header(referral, CloudEvents.TYPE)).isEqualTo("org.komar.events.ReferralRequested");
        assertThat(header(referral, CloudEvents.SOURCE)).isEqualTo("/komar/routing-service");
      });
      assertThat(states).allSatisfy(state -> assertThat(header(state, CloudEvents.TYPE))
          .isEqualTo("org.komar.events.CaseState"));
      List<ConsumerRecord<String, IndicatorSnapshot>> snapshots = TopicReader.read(stack.kafkaSettings(),
          Topics.NAP_INDICATORS.name(), serdes.valueSerde(Topics.NAP_INDICATORS).deserializer(),
          snapshot -> "/komar/routing-service".equals(header(snapshot, CloudEvents.SOURCE)), 1,
          Duration.ofSeconds(30));
      assertThat(snapshots).isNotEmpty().allSatisfy(snapshot ->
          assertThat(header(snapshot, CloudEvents.ID)).isEqualTo(snapshot.value().getEventId()));

      // When a record arrives that is not an intake at all
      byte[] poison = "not an intake".getBytes(StandardCharsets.UTF_8);
      try (var producer = new KafkaProducer<>(stack.kafkaSettings(), new StringSerializer(), new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>(Topics.CASE_INTAKES.name(), run + "poison", poison)).get();
      }
      // Then it is parked byte for byte in the dead-letter topic, with the error in its headers
      var parked = TopicReader.read(stack.kafkaSettings(), Topics.CASE_INTAKES.deadLetter().name(),
          new org.apache.kafka.common.serialization.ByteArrayDeserializer(), this::ofThisRun, 1,
          Duration.ofSeconds(30));
      assertThat(parked).hasSize(1);
      assertThat(parked.getFirst().value()).isEqualTo(poison);
      assertThat(parked.getFirst().headers().lastHeader("komar.error.class")).isNotNull();
    }
  }

  private List<ConsumerRecord<String, ReferralRequested>> referrals(Topic<String, ReferralRequested> topic) {
    return TopicReader.read(stack.kafkaSettings(), topic.name(), serdes.valueSerde(topic).deserializer(),
        this::ofThisRun, CASES, Duration.ofSeconds(30));
  }

  private static String header(ConsumerRecord<String, ?> record, String name) {
    return CloudEvents.header(record.headers(), name);
  }

  private boolean ofThisRun(ConsumerRecord<String, ?> record) {
    return record.key() != null && record.key().startsWith(run);
  }

  private Map<String, IntakeReceived> intakes(int from, int to) {
    Map<String, IntakeReceived> intakes = new java.util.LinkedHashMap<>();
    for (int i = from; i < to; i++) {
      String caseId = run + i;
      intakes.put(caseId, Intakes.girlInSiemReap().setCaseId(caseId).setEventId(caseId + "/intake")
          .setConsents(Intakes.allConsents()).build());
    }
    return intakes;
  }
}
