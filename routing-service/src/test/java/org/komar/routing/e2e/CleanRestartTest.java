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
import org.komar.events.ReferralRequested;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.routing.Intakes;
import org.komar.schemas.Topics;

/**
 * A clean stop leaves routing's state as it was: the instance started after it on the same state folder wipes no
 * store (under exactly-once, a store with files but no checkpoint offsets is taken for corrupted and rebuilt), and
 * routes the next intake at once. One intake before the stop, so that most partitions of the indicators' tallies
 * hold nothing: those are the ones that were wiped at every restart.
 */
class CleanRestartTest {

  @Test
  void shouldWipeNoStoreAndRouteTheNextIntakeAfterACleanStop() throws Exception {
    String run = "restart-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Path state = Files.createDirectories(Path.of("target", "test-stack", run)).toAbsolutePath().resolve("state");
    StackEvents events = new StackEvents(TestStack.shared());
    events.seedDirectory();
    String applicationId = "komar-routing-" + run;

    try (RoutingProcess first = RoutingProcess.start(run + "a", applicationId, state)) {
      String caseId = run + "before";
      events.send(Topics.CASE_INTAKES, Map.of(caseId, Intakes.girlInSiemReap().setCaseId(caseId)
          .setEventId(caseId + "/intake").setConsents(Intakes.allConsents()).build()));
      assertThat(read(caseId)).as(first.logTail()).hasSize(1);
    }

    long starting = System.nanoTime();
    try (RoutingProcess second = RoutingProcess.start(run + "b", applicationId, state)) {
      System.out.printf("Routing answered ready %.1f s after its restart began%n",
          (System.nanoTime() - starting) / 1e9);
      String caseId = run + "after";
      events.send(Topics.CASE_INTAKES, Map.of(caseId, Intakes.girlInSiemReap().setCaseId(caseId)
          .setEventId(caseId + "/intake").setConsents(Intakes.allConsents()).build()));
      assertThat(read(caseId)).as(second.logTail()).hasSize(1);
      System.out.printf("The first intake after the restart was routed %.1f s after the restart began%n",
          (System.nanoTime() - starting) / 1e9);
      String log = Files.readString(Path.of("target", "test-stack", run + "b.log"));
      assertThat(log).doesNotContain("did not find checkpoint offsets").doesNotContain("TaskCorruptedException");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<ConsumerRecord<String, ReferralRequested>> read(String caseId) {
    var deserializer = new StackEvents(TestStack.shared()).serdes().valueSerde(Topics.REFERRALS_POLICE)
        .deserializer();
    return TopicReader.read(TestStack.shared().kafkaSettings(), Topics.REFERRALS_POLICE.name(), deserializer,
        record -> caseId.equals(record.key()), 1, Duration.ofSeconds(60));
  }
}
