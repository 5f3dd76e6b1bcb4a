package org.komar.routing.streams;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.komar.events.CaseState;
import org.komar.events.IntakeReceived;
import org.komar.routing.casefile.Routed;
import org.komar.routing.rules.RoutingRules;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * Komar's routing as a Kafka Streams topology: intakes, referral updates, notification receipts, the vault's
 * erasures of a case and links between cases meet in one {@link CaseRouter}, which keeps the case's state, its
 * deadlines and each unit's inbox in stores and writes referrals, take-down requests, escalations, the rules it
 * overrode (for the vault's audit trail), links to other cases, its media hashes and the synced {@link CaseState}.
 * The agency directory and the index of every case's media hashes are global tables every instance holds whole; the
 * National Action Plan indicators are windowed aggregates of the router's facts ({@link Indicators}).
 *
 * <p>Built here, run elsewhere: the service's factory and the tests build the same topology.
 */
public final class RoutingTopology {

  public static final String INTAKES_STORE = "intakes";
  public static final String CASES_STORE = "cases";
  public static final String DEADLINES_STORE = "deadlines";
  /** Keys {@code <unitId>|<referralId>}, values case ids: every open referral of a unit. */
  public static final String INBOX_STORE = "inbox";
  public static final String LOADS_STORE = "unit-loads";
  public static final String UNITS_STORE = "agency-units";
  /** The published indicator snapshots, suppressed ones included, read back whole on every instance. */
  public static final String INDICATORS_STORE = "nap-indicator-snapshots";
  /** Every case's media hashes ({@code media-hashes}), read back whole on every instance to match new reports. */
  public static final String MEDIA_STORE = "media-index";

  /**
   * @param deadlineScan how often deadlines are checked, on wall-clock time
   * @param indicatorWindow the length of the NAP indicators' tumbling windows
   */
  public record Settings(Duration deadlineScan, Duration indicatorWindow) {

    public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(10), Duration.ofDays(1));
  }

  private RoutingTopology() {
  }

  /**
   * The Streams settings of the router; {@code settings} (bootstrap servers, state folder, the instance's
   * address for interactive queries...) win over these defaults.
   */
  public static Properties streamsConfig(Map<String, ?> settings) {
    Properties config = new Properties();
    config.putAll(settings);
    config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "komar-routing");
    // Every case's stores, referrals and case state change together or not at all, and nothing twice.
    config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class.getName());
    config.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class.getName());
    config.putIfAbsent(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
    config.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
    return config;
  }

  public static Topology buildTopology(RoutingRules rules, KomarSerdes serdes, Settings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.globalTable(Topics.AGENCY_UNITS.name(), intoGlobalStore(serdes, Topics.AGENCY_UNITS),
        Materialized.as(UNITS_STORE));
    builder.addStateStore(store(INTAKES_STORE, StoreSerdes.avro(IntakeReceived.class)));
    builder.addStateStore(store(CASES_STORE, StoreSerdes.avro(CaseState.class)));
    builder.addStateStore(store(DEADLINES_STORE, Serdes.String()));
    builder.addStateStore(store(INBOX_STORE, Serdes.String()));
    builder.addStateStore(store(LOADS_STORE, Serdes.Integer()));

    KStream<String, SpecificRecord> events = source(builder, serdes, Topics.CASE_INTAKES)
        .merge(source(builder, serdes, Topics.REFERRAL_UPDATES))
        .merge(source(builder, serdes, Topics.NOTIFICATION_RECEIPTS))
        .merge(source(builder, serdes, Topics.CASE_ERASURES))
        .merge(source(builder, serdes, Topics.CASE_LINKS));
    KStream<String, Routed> routed = events.process(() -> new CaseRouter(rules, settings.deadlineScan()),
        Named.as(CaseRouter.NAME), INTAKES_STORE, CASES_STORE, DEADLINES_STORE, INBOX_STORE, LOADS_STORE);
    routed.filter((caseId, out) -> out instanceof Routed.Event, Named.as("events"))
        .mapValues(out -> (Routed.Event) out)
        .to((caseId, event, context) -> event.topic(),
            Produced.with(Serdes.String(), eventSerde(serdes.valueSerializer())).withName("to-topics"));
    Indicators.aggregate(routed.filter((caseId, out) -> out instanceof Routed.Fact, Named.as("facts"))
        .mapValues(out -> (Routed.Fact) out), settings.indicatorWindow(), serdes);
    // Last: subtopologies are numbered in the order they are built, and a running instance's stores sit in
    // folders named by those numbers. A node added earlier would renumber them and strand every store.
    builder.globalTable(Topics.NAP_INDICATORS.name(), intoGlobalStore(serdes, Topics.NAP_INDICATORS),
        Materialized.as(INDICATORS_STORE));
    builder.globalTable(Topics.MEDIA_HASHES.name(), intoGlobalStore(serdes, Topics.MEDIA_HASHES),
        Materialized.as(MEDIA_STORE));
    return builder.build();
  }

  private static <V> KStream<String, SpecificRecord> source(StreamsBuilder builder, KomarSerdes serdes,
      Topic<String, V> topic) {
    return builder.stream(topic.name(), consumed(serdes, topic)).mapValues(value -> (SpecificRecord) value,
        Named.as("from-" + topic.name()));
  }

  private static <V> Consumed<String, V> consumed(KomarSerdes serdes, Topic<String, V> topic) {
    return Consumed.with(serdes.keySerde(topic), serdes.valueSerde(topic)).withName("read-" + topic.name());
  }

  /**
   * How a global table reads its topic, and so its store's serdes too: Streams gives a global table the serdes of
   * its {@code Consumed}, whatever its {@code Materialized} says. They must be the store's, which touch no headers:
   * a global store is written by the global thread and read by every stream thread, and Streams hands its serde the
   * headers of the record the global thread is on. The topic serde's reads of them, from a stream thread, once ended
   * routing's stream thread under load ("header" is null), and every case waited for its replacement.
   */
  private static <V> Consumed<String, V> intoGlobalStore(KomarSerdes serdes, Topic<String, V> topic) {
    return Consumed.with(serdes.keySerde(topic), serdes.storeSerde(topic)).withName("read-" + topic.name());
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
  }

  /** Writes each event with the registry serializer of the topic it is for, which also sets its headers. */
  private static Serde<Routed.Event> eventSerde(Serializer<Object> avro) {
    return Serdes.serdeFrom(new Serializer<>() {
      @Override
      public void configure(Map<String, ?> configs, boolean isKey) {
      }

      @Override
      public byte[] serialize(String topic, Routed.Event event) {
        return avro.serialize(topic, event.value());
      }

      @Override
      public byte[] serialize(String topic, Headers headers, Routed.Event event) {
        return avro.serialize(topic, headers, event.value());
      }
    }, (topic, bytes) -> {
      throw new UnsupportedOperationException("Routed events are only written");
    });
  }
}
