package org.komar.routing.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.komar.events.IncidentCategory;
import org.komar.events.Indicator;
import org.komar.events.IndicatorSnapshot;
import org.komar.events.Province;
import org.komar.routing.casefile.Routed;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * The National Action Plan indicators, live: the router's facts counted in tumbling windows by indicator,
 * province and (for intakes) category, published to {@code nap-indicators} as each window fills. A figure that
 * rests on fewer than {@value #SMALLEST_SHOWN} cases is suppressed (published without its value), so that no
 * child can be recognised from a small count in a small province.
 *
 * <p>Values: a count for {@code INTAKES}, {@code REFERRALS_ESCALATED} and {@code TAKEDOWNS_COMPLETED}; the mean
 * in minutes for {@code TIME_TO_FIRST_ACCEPTANCE}; a percentage for {@code FEMALE_OFFICER_REQUESTS_MET}.
 */
final class Indicators {

  static final int SMALLEST_SHOWN = 5;
  static final String TALLIES_STORE = "indicator-tallies";

  /** How many facts a window holds, and the sum of their samples. */
  record Tally(long count, long sum) {

    Tally add(long sample) {
      return new Tally(count + 1, sum + sample);
    }
  }

  private Indicators() {
  }

  static void aggregate(KStream<String, Routed.Fact> facts, Duration window, KomarSerdes serdes) {
    facts.selectKey((caseId, fact) -> fact.indicator() + "|" + fact.province() + "|"
            + (fact.category() == null ? "" : fact.category()), Named.as("by-indicator"))
        .mapValues(Routed.Fact::sample, Named.as("samples"))
        .groupByKey(Grouped.with("indicator-facts", Serdes.String(), Serdes.Long()))
        .windowedBy(TimeWindows.ofSizeWithNoGrace(window))
        // In memory, restored from its changelog at start: a few thousand tallies a window. On disk, under
        // exactly-once, a clean stop leaves the tasks of partitions with no tallies a store folder but no checkpoint
        // offsets, and every start took them for corrupted and wiped them (CleanRestartTest).
        .aggregate(() -> new Tally(0, 0), (key, sample, tally) -> tally.add(sample),
            Named.as("tally"), Materialized.<String, Tally>as(
                    Stores.inMemoryWindowStore(TALLIES_STORE, window, window, false))
                .withKeySerde(Serdes.String()).withValueSerde(tallySerde()))
        .toStream(Named.as("tallies"))
        .map((windowed, tally) -> {
          String key = windowed.key() + "|" + windowed.window().start();
          return KeyValue.pair(key, snapshot(key, windowed.key(), windowed.window().startTime(),
              windowed.window().endTime(), tally));
        }, Named.as("snapshots"))
        .to(Topics.NAP_INDICATORS.name(), Produced.with(Serdes.String(), serdes.valueSerde(Topics.NAP_INDICATORS))
            .withName("to-nap-indicators"));
  }

  static IndicatorSnapshot snapshot(String key, String dimensions, Instant start, Instant end, Tally tally) {
    String[] parts = dimensions.split("\\|", -1);
    Indicator indicator = Indicator.valueOf(parts[0]);
    boolean suppressed = tally.count() < SMALLEST_SHOWN;
    return IndicatorSnapshot.newBuilder()
        .setEventId(UUID.nameUUIDFromBytes((key + "#" + tally.count()).getBytes(StandardCharsets.UTF_8)).toString())
        .setIndicator(indicator).setWindowStart(start).setWindowEnd(end)
        .setProvince(parts[1].isEmpty() || parts[1].equals("null") ? null : Province.valueOf(parts[1]))
        .setCategory(parts[2].isEmpty() ? null : IncidentCategory.valueOf(parts[2]))
        .setValue(suppressed ? null : value(indicator, tally))
        .setSuppressed(suppressed)
        .build();
  }

  private static long value(Indicator indicator, Tally tally) {
    return switch (indicator) {
      case INTAKES, REFERRALS_ESCALATED, TAKEDOWNS_COMPLETED -> tally.sum();
      case TIME_TO_FIRST_ACCEPTANCE -> Math.round((double) tally.sum() / tally.count());
      case FEMALE_OFFICER_REQUESTS_MET -> Math.round(100.0 * tally.sum() / tally.count());
    };
  }

  private static Serde<Tally> tallySerde() {
    return Serdes.serdeFrom(
        (topic, tally) -> tally == null ? null
            : ByteBuffer.allocate(16).putLong(tally.count()).putLong(tally.sum()).array(),
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          return new Tally(buffer.getLong(), buffer.getLong());
        });
  }
}
