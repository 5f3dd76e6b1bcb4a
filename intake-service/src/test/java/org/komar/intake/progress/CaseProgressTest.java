package org.komar.intake.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.Province;
import org.komar.events.RiskLevel;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.intake.OnTestStack;
import org.komar.intake.SampleIntakes;
import org.komar.intake.Tokens;
import org.komar.schemas.Topics;
import org.komar.schemas.security.Roles;
import org.komar.schemas.serde.KomarSerdes;

/** The reporter's status check follows the case as the agencies move it: someone helping, then finished. */
@MicronautTest(transactional = false)
class CaseProgressTest extends OnTestStack {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  Tokens tokens;

  @Test
  void shouldTellTheReporterInKhmerThatSomeoneIsHelpingThenThatTheWorkIsFinished() throws Exception {
    Map<String, Object> created = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/intakes",
        SampleIntakes.intake("x")).contentType(MediaType.APPLICATION_JSON).header("Authorization",
        tokens.bearer("operator-1", Roles.HOTLINE_OPERATOR)), Argument.mapOf(String.class, Object.class));
    String caseId = (String) created.get("caseId");
    String reference = (String) created.get("caseReference");
    String pin = (String) created.get("reporterPin");

    // An unreadable state first: parked, and the states after it still count
    try (var raw = new KafkaProducer<>(TestStack.shared().kafkaSettings(), new StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(Topics.CASE_STATES.name(), caseId, "garbage".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
    send(state(caseId, CaseStatus.IN_PROGRESS, 2));
    await().atMost(Duration.ofSeconds(30)).until(() -> check(reference, pin).contains("មានអ្នកកំពុងជួយ"));

    send(state(caseId, CaseStatus.CLOSED, 5));
    send(state(caseId, CaseStatus.IN_PROGRESS, 4)); // late and out of order: must not move the case back
    await().atMost(Duration.ofSeconds(30)).until(() -> check(reference, pin).contains("បានបញ្ចប់"));
    // ... and stays finished: the late IN_PROGRESS, read after CLOSED, never moves it back
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(check(reference, pin)).contains("បានបញ្ចប់").doesNotContain(caseId));

    var parked = TopicReader.read(TestStack.shared().kafkaSettings(), Topics.CASE_STATES.deadLetter().name(),
        new ByteArrayDeserializer(), record -> caseId.equals(record.key()) && parkedByIntake(record), 1,
        Duration.ofSeconds(20));
    assertThat(parked).hasSize(1);
    assertThat(new String(parked.getFirst().value(), StandardCharsets.UTF_8)).isEqualTo("garbage");
  }

  /** Parked by this service's reader: the vault reads case-states too, and parks what it cannot read itself. */
  private static boolean parkedByIntake(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
    var processor = record.headers().lastHeader(org.komar.kafka.DeadLetterParking.PROCESSOR);
    return processor != null && new String(processor.value(), StandardCharsets.UTF_8)
        .equals("komar-intake-case-states");
  }

  private String check(String reference, String pin) {
    return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/status-checks",
        "{\"caseReference\": \"" + reference + "\", \"pin\": \"" + pin + "\", \"language\": \"KHMER\"}")
        .contentType(MediaType.APPLICATION_JSON));
  }

  private static CaseState state(String caseId, CaseStatus status, long version) {
    return CaseState.newBuilder().setCaseId(caseId).setCaseReference("-").setUpdatedAt(java.time.Instant.now())
        .setVersion(version).setStatus(status).setProvince(Province.SIEM_REAP).setRiskLevel(RiskLevel.HIGH)
        .setReferrals(List.of()).setTimeline(List.of()).build();
  }

  private static void send(CaseState state) throws Exception {
    KomarSerdes serdes = TestStack.shared().serdes();
    try (var producer = new KafkaProducer<>(TestStack.shared().kafkaSettings(), new StringSerializer(),
        serdes.valueSerde(Topics.CASE_STATES).serializer())) {
      producer.send(new ProducerRecord<>(Topics.CASE_STATES.name(), state.getCaseId(), state)).get();
    }
  }
}
