package org.komar.routing.streams;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.komar.events.AgencyUnit;
import org.komar.events.CaseErased;
import org.komar.events.CaseState;
import org.komar.events.IndicatorSnapshot;
import org.komar.events.IntakeReceived;
import org.komar.events.OverrideApplied;
import org.komar.events.ReferralEscalated;
import org.komar.events.ReferralRequested;
import org.komar.events.ReferralUpdate;
import org.komar.events.TakedownRequested;
import org.komar.infra.platform.SampleData;
import org.komar.infra.test.InMemorySchemaRegistry;
import org.komar.routing.rules.RoutingRules;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * The routing topology in a {@link TopologyTestDriver}, with Apicurio's serdes on a registry in memory that holds
 * every event schema (no broker, registry or database), and the sample agency directory loaded; wall-clock time
 * starts at {@link #START}.
 */
final class RouterDriver implements AutoCloseable {

  static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
  static final Duration SCAN = Duration.ofSeconds(10);

  final KomarSerdes serdes;
  private final Path stateDir;
  final TopologyTestDriver driver;
  final TestInputTopic<String, IntakeReceived> intakes;
  final TestInputTopic<String, ReferralUpdate> updates;
  final TestInputTopic<String, AgencyUnit> units;
  final TestInputTopic<String, CaseErased> erasures;
  final TestInputTopic<byte[], byte[]> rawIntakes;
  final TestOutputTopic<String, ReferralRequested> police;
  final TestOutputTopic<String, ReferralRequested> psychosocial;
  final TestOutputTopic<String, ReferralRequested> followUp;
  final TestOutputTopic<String, TakedownRequested> takedowns;
  final TestOutputTopic<String, ReferralEscalated> escalations;
  final TestOutputTopic<String, CaseState> caseStates;
  final TestOutputTopic<String, OverrideApplied> overrides;
  final TestOutputTopic<String, IndicatorSnapshot> indicators;
  final TestOutputTopic<byte[], byte[]> intakesDlq;
  final TestOutputTopic<byte[], byte[]> updatesDlq;

  RouterDriver() {
    this(RoutingRules.standard(), new RoutingTopology.Settings(SCAN, Duration.ofHours(1)));
  }

  RouterDriver(RoutingRules rules, RoutingTopology.Settings settings) {
    this(rules, settings, InMemorySchemaRegistry.withEventSchemas());
  }

  /** The router on the given registry: a test's stand-in that fails where it is told to. */
  RouterDriver(RoutingRules rules, RoutingTopology.Settings settings, RegistryClientFacade registry) {
    serdes = KomarSerdes.through(registry, "/komar/routing-service");
    try {
      stateDir = Files.createTempDirectory("komar-routing-test");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Properties config = RoutingTopology.streamsConfig(Map.of(
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
        StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
    driver = new TopologyTestDriver(RoutingTopology.buildTopology(rules, serdes, settings), config, START);
    intakes = input(Topics.CASE_INTAKES);
    updates = input(Topics.REFERRAL_UPDATES);
    units = input(Topics.AGENCY_UNITS);
    erasures = input(Topics.CASE_ERASURES);
    rawIntakes = driver.createInputTopic(Topics.CASE_INTAKES.name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    police = output(Topics.REFERRALS_POLICE);
    psychosocial = output(Topics.REFERRALS_PSYCHOSOCIAL);
    followUp = output(Topics.REFERRALS_FOLLOW_UP);
    takedowns = output(Topics.TAKEDOWN_REQUESTS);
    escalations = output(Topics.ESCALATIONS);
    caseStates = output(Topics.CASE_STATES);
    overrides = output(Topics.RULE_OVERRIDES);
    indicators = output(Topics.NAP_INDICATORS);
    intakesDlq = deadLetters(Topics.CASE_INTAKES);
    updatesDlq = deadLetters(Topics.REFERRAL_UPDATES);
    SampleData.directory().forEach(unit -> units.pipeInput(unit.getUnitId(), unit, START));
  }

  /** Moves wall-clock time on, in steps of the deadline scan, as a running instance would see it. */
  void advance(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  KeyValueStore<String, String> inbox() {
    return driver.getKeyValueStore(RoutingTopology.INBOX_STORE);
  }

  List<String> inboxOf(String unitId) {
    try (var all = inbox().prefixScan(unitId + "|", new StringSerializer())) {
      List<String> keys = new java.util.ArrayList<>();
      all.forEachRemaining(entry -> keys.add(entry.key));
      return keys;
    }
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    Serde<V> values = serdes.valueSerde(topic);
    return driver.createInputTopic(topic.name(), new StringSerializer(), values.serializer(), START,
        Duration.ZERO);
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return driver.createOutputTopic(topic.name(), new StringDeserializer(), serdes.valueSerde(topic).deserializer());
  }

  private TestOutputTopic<byte[], byte[]> deadLetters(Topic<String, ?> topic) {
    return driver.createOutputTopic(topic.deadLetter().name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  @Override
  public void close() {
    driver.close();
    org.komar.infra.Folders.deleteWhatCan(stateDir);
  }
}
