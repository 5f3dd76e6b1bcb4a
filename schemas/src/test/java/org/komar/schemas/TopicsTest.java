package org.komar.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldGiveEveryEventTopicADeadLetterTwin() {
    assertThat(Topics.all()).hasSize(2 * Topics.events().size());
    for (Topic<String, ?> topic : Topics.events()) {
      assertThat(Topics.all()).anySatisfy(dlq -> {
        assertThat(dlq.name()).isEqualTo(topic.name() + "-dlq");
        assertThat(dlq.valueType()).isEqualTo(byte[].class);
      });
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
    assertThatThrownBy(() -> new Topic<>("Case_Intakes", String.class, String.class, Topic.Retention.TIME,
        java.util.OptionalInt.empty(), java.util.Set.of(), java.util.Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Case_Intakes");
  }

  @Test
  void shouldGiveEveryEventTopicAnAvroSchemaAndStringKeys() {
    for (Topic<String, ?> topic : Topics.events()) {
      assertThat(topic.keyType()).isEqualTo(String.class);
      assertThat(topic.valueSchema()).as(topic.name()).isPresent();
      assertThat(topic.valueSubject()).isEqualTo(topic.name() + "-value");
    }
    assertThat(Topics.CASE_INTAKES.deadLetter().valueSchema()).isEmpty();
  }

  @Test
  void shouldKeepTheDirectoryOnOnePartitionForTheGlobalTable() {
    assertThat(Topics.AGENCY_UNITS.partitions()).hasValue(1);
    assertThat(Topics.CASE_INTAKES.partitions()).isEmpty();
  }

  @Test
  void shouldNameAWriterOfEveryEventTopic() {
    for (Topic<String, ?> topic : Topics.events()) {
      assertThat(topic.writers()).as(topic.name()).isNotEmpty();
    }
  }

  @Test
  void shouldLeaveTheAuditTrailToTheVaultAlone() {
    assertThat(Topics.AUDIT_EVENTS.writers()).containsExactly(KafkaPrincipal.VAULT);
    assertThat(Topics.AUDIT_EVENTS.readers()).isEmpty();
    assertThat(Topics.RULE_OVERRIDES.readers()).containsExactly(KafkaPrincipal.VAULT);
  }

  @Test
  void shouldLetAReaderParkInTheDeadLetterTwinButNobodyReadIt() {
    Topic<byte[], byte[]> parked = Topics.CASE_STATES.deadLetter();
    assertThat(parked.writers()).containsExactlyInAnyOrder(KafkaPrincipal.INTAKE, KafkaPrincipal.NOTIFICATION,
        KafkaPrincipal.VAULT);
    assertThat(parked.readers()).isEmpty();
  }

  @Test
  void shouldKeepTheDirectoryWritableByRoutingAlone() {
    assertThat(Topics.AGENCY_UNITS.writers()).containsExactly(KafkaPrincipal.ROUTING);
    assertThat(Topics.AGENCY_UNITS.readableBy(KafkaPrincipal.NOTIFICATION)).isTrue();
    assertThat(Topics.AGENCY_UNITS.writableBy(KafkaPrincipal.NOTIFICATION)).isFalse();
  }

  @Test
  void shouldNotNestDeadLetterTopics() {
    assertThatThrownBy(() -> Topics.CASE_INTAKES.deadLetter().deadLetter())
        .isInstanceOf(IllegalStateException.class);
  }
}
