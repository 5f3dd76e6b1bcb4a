package org.komar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.komar.infra.test.TestJvms;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;

/** The broker the platform runs in its own JVM, with the same settings the platform writes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaServerProcessTest {

  private static final KafkaLogins LOGINS = KafkaLogins.generate();

  private KafkaServerProcess broker;

  @BeforeAll
  void startBroker(@TempDir Path dataDir) {
    broker = startIn(dataDir);
  }

  @AfterAll
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private static KafkaServerProcess startIn(Path dataDir) {
    return KafkaServerProcess.start(dataDir.resolve("kafka"), Ports.free(), Ports.free(),
        InfraLayout.fromBuild().kafkaBrokerLib(), dataDir.resolve("kafka.log"), TestJvms.broker("384m"), LOGINS);
  }

  @Test
  void shouldSupportExactlyOnceStreams(@TempDir Path stateDir) throws Exception {
    ExactlyOnce.assertRoundTrip(broker.clientSettings(), stateDir);
  }

  @Test
  void shouldCreateTheTopicCatalogueOnceWithItsRetention() throws Exception {
    Set<String> created = TopicCatalogue.create(broker.clientSettings(), 2, (short) 1);
    Set<String> createdAgain = TopicCatalogue.create(broker.clientSettings(), 2, (short) 1);

    assertThat(created).containsExactlyInAnyOrderElementsOf(
        Topics.all().stream().map(Topic::name).collect(Collectors.toSet()));
    assertThat(createdAgain).isEmpty();
    try (Admin admin = Admin.create(broker.clientSettings())) {
      var caseStates = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CASE_STATES.name());
      var audit = new ConfigResource(ConfigResource.Type.TOPIC, Topics.AUDIT_EVENTS.name());
      Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(caseStates, audit)).all().get();
      assertThat(configs.get(caseStates).get("cleanup.policy").value()).isEqualTo("compact");
      assertThat(configs.get(audit).get("retention.ms").value()).isEqualTo("-1");
      assertThat(admin.describeTopics(List.of(Topics.CASE_INTAKES.name())).allTopicNames().get()
          .get(Topics.CASE_INTAKES.name()).partitions()).hasSize(2);
    }
  }

  @Test
  void shouldKeepItsTopicsAcrossARestart(@TempDir Path otherDataDir) throws Exception {
    try (KafkaServerProcess first = startIn(otherDataDir)) {
      TopicCatalogue.create(first.clientSettings(), List.of(Topics.CASE_INTAKES), 1, (short) 1);
    }
    try (KafkaServerProcess second = startIn(otherDataDir); Admin admin = Admin.create(second.clientSettings())) {
      assertThat(admin.listTopics().names().get()).contains(Topics.CASE_INTAKES.name());
    }
  }

  @Test
  void shouldNotCreateTopicsThatAreNotInTheCatalogue() {
    assertThatThrownBy(() -> {
      try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
          with(broker.clientSettings(), "max.block.ms", 3000),
          new org.apache.kafka.common.serialization.StringSerializer(),
          new org.apache.kafka.common.serialization.StringSerializer())) {
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("case-intake-typo", "x")).get();
      }
    }).hasMessageContaining("case-intake-typo");
  }

  @Test
  void shouldFailClearlyWhenTheBrokerClasspathIsMissing(@TempDir Path elsewhere) {
    assertThatThrownBy(() -> KafkaServerProcess.start(elsewhere, Ports.free(), Ports.free(),
        elsewhere.resolve("no-such-lib"), elsewhere.resolve("kafka.log"), List.of(), LOGINS))
        .isInstanceOf(InfraException.class)
        .hasMessageContaining("classpath is missing")
        .hasMessageContaining("mvn -DskipTests package");
  }

  @Test
  void shouldRefuseAStorageMadeBeforeKafkaRequiredLogins(@TempDir Path dataDir) throws Exception {
    // Given a broker folder formatted by an earlier Komar, whose storage holds no administrator's login
    Path logs = dataDir.resolve("kafka").resolve("logs");
    java.nio.file.Files.createDirectories(logs);
    java.nio.file.Files.writeString(logs.resolve("meta.properties"), "version=1\n");

    assertThatThrownBy(() -> startIn(dataDir))
        .isInstanceOf(InfraException.class)
        .hasMessageContaining("before Kafka required logins")
        .hasMessageContaining("./komar reset");
  }

  private static Map<String, Object> with(Map<String, Object> settings, String key, Object value) {
    Map<String, Object> all = new java.util.HashMap<>(settings);
    all.put(key, value);
    return all;
  }
}
