package org.komar.routing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.komar.events.EscalationStep;
import org.komar.events.ReferralEscalated;
import org.komar.events.ReferralRequested;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.routing.Intakes;
import org.komar.routing.rules.RoutingRules;
import org.komar.schemas.Topics;

/**
 * A deadline lives in a store, not in a timer: the router is killed before a referral's deadline, and the
 * instance started after it still escalates and reassigns the referral.
 */
class DeadlinesAcrossRestartTest {

  @Test
  void shouldEscalateAReferralWhoseDeadlinePassedWhileTheRouterWasDown() throws Exception {
    String run = "deadline-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Path base = Files.createDirectories(Path.of("target", "test-stack", run)).toAbsolutePath();
    // Given rules whose counselling referral is due within 15 seconds
    Path rules = base.resolve("rules.json");
    String shipped = new String(RoutingRules.class.getResourceAsStream("/org/komar/routing/routing-rules.json")
        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    Files.writeString(rules, shipped.replaceFirst(
        "(\"name\": \"psychosocial-support\"[\\s\\S]*?\"deadline\": )\"PT24H\"", "$1\"PT15S\""));
    Map<String, String> environment = Map.of("ROUTING_RULES_FILE", rules.toString());
    StackEvents events = new StackEvents(TestStack.shared());
    events.seedDirectory();
    String caseId = run + "case";
    String applicationId = "komar-routing-" + run;

    try (RoutingProcess first = RoutingProcess.start(run + "a", applicationId, base.resolve("state"), environment)) {
      events.send(Topics.CASE_INTAKES, Map.of(caseId, Intakes.girlInSiemReap().setCaseId(caseId)
          .setEventId(caseId + "/intake").setConsents(Intakes.allConsents()).build()));
      assertThat(read(Topics.REFERRALS_PSYCHOSOCIAL.name(), caseId, ReferralRequested.class, 1)).hasSize(1);
      // When the router dies before the deadline
      first.kill();
    }
    Thread.sleep(Duration.ofSeconds(16).toMillis()); // the deadline passes while no router runs
    try (RoutingProcess second = RoutingProcess.start(run + "b", applicationId, base.resolve("state"),
        environment)) {
      // Then the next router escalates it and sends it to the next suitable unit
      List<ConsumerRecord<String, ReferralEscalated>> escalations = read(Topics.ESCALATIONS.name(), caseId,
          ReferralEscalated.class, 1);
      assertThat(escalations).as(second.logTail()).isNotEmpty();
      assertThat(escalations.getFirst().value().getStep()).isEqualTo(EscalationStep.REASSIGNED);
      assertThat(read(Topics.REFERRALS_PSYCHOSOCIAL.name(), caseId, ReferralRequested.class, 2))
          .extracting(record -> record.value().getUnitId()).doesNotHaveDuplicates();
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> List<ConsumerRecord<String, V>> read(String topic, String caseId, Class<V> type, int expected) {
    var serdes = new StackEvents(TestStack.shared()).serdes();
    var deserializer = serdes.valueSerde(Topics.events().stream().filter(t -> t.name().equals(topic)).findFirst()
        .orElseThrow()).deserializer();
    return TopicReader.read(TestStack.shared().kafkaSettings(), topic,
        (org.apache.kafka.common.serialization.Deserializer<V>) deserializer, record -> caseId.equals(record.key()),
        expected, Duration.ofSeconds(60));
  }
}
