package org.komar.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldGiveEveryEventTopicADeadLetterTwin() {
    assertThat(Topics.all()).hasSize(2 * Topics.events().size());
    for (Topic topic : Topics.events()) {
      assertThat(Topics.all()).contains(new Topic(topic.name() + "-dlq", Topic.Retention.TIME));
    }
  }

  @Test
  void shouldHaveUniqueNames() {
    assertThat(Topics.all().stream().map(Topic::name)).doesNotHaveDuplicates();
  }

  @Test
  void shouldCompactTheTablesAndKeepTheAuditTrailForever() {
    assertThat(Topics.CASE_STATES.brokerConfig()).isEqualTo(Map.of("cleanup.policy", "compact"));
    assertThat(Topics.AGENCY_UNITS.brokerConfig()).isEqualTo(Map.of("cleanup.policy", "compact"));
    assertThat(Topics.AUDIT_EVENTS.brokerConfig()).containsEntry("retention.ms", "-1");
    assertThat(Topics.CASE_INTAKES.brokerConfig()).isEmpty();
  }

  @Test
  void shouldRefuseNamesThatAreNotKebabCase() {
    assertThatThrownBy(() -> new Topic("Case_Intakes", Topic.Retention.TIME))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Case_Intakes");
  }

  @Test
  void shouldNotNestDeadLetterTopics() {
    assertThatThrownBy(() -> Topics.CASE_INTAKES.deadLetter().deadLetter())
        .isInstanceOf(IllegalStateException.class);
  }
}
