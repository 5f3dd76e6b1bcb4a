package org.komar.routing.runtime;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.komar.events.AgencyUnit;
import org.komar.events.CaseState;
import org.komar.events.IndicatorSnapshot;
import org.komar.events.IntakeReceived;
import org.komar.routing.streams.RoutingTopology;

/**
 * Reads the router's stores (interactive queries). A case lives on the instance that owns its partition:
 * {@link #ownerOf} says which, and only that instance answers for it; the inbox of a unit is spread over every
 * instance, each answering for its own part. The agency directory is whole on every instance.
 */
@Singleton
public final class CaseStores {

  /** Where a case is kept: here, or on another instance at {@code host}. */
  public record Owner(boolean local, HostInfo host) {
  }

  /** One open referral of a unit, with its case. */
  public record InboxEntry(String referralId, CaseState state, IntakeReceived intake) {
  }

  private final RoutingStreams routing;

  CaseStores(RoutingStreams routing) {
    this.routing = routing;
  }

  public Owner ownerOf(String caseId) {
    KeyQueryMetadata metadata = streams().queryMetadataForKey(RoutingTopology.CASES_STORE, caseId,
        new StringSerializer());
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      throw new StoresUnavailableException();
    }
    HostInfo host = metadata.activeHost();
    return new Owner(self().equals(host), host);
  }

  /** The other instances of this service, for the parts of an inbox they hold. */
  public List<HostInfo> otherInstances() {
    HostInfo self = self();
    return streams().metadataForAllStreamsClients().stream().map(metadata -> metadata.hostInfo())
        .filter(host -> !host.equals(self)).distinct().toList();
  }

  public Optional<CaseState> localCase(String caseId) {
    return Optional.ofNullable(store(RoutingTopology.CASES_STORE, CaseState.class).get(caseId));
  }

  public Optional<IntakeReceived> localIntake(String caseId) {
    return Optional.ofNullable(store(RoutingTopology.INTAKES_STORE, IntakeReceived.class).get(caseId));
  }

  /** The open referrals of a unit that this instance keeps. */
  public List<InboxEntry> localInbox(String unitId) {
    ReadOnlyKeyValueStore<String, String> inbox = store(RoutingTopology.INBOX_STORE, String.class);
    List<InboxEntry> entries = new ArrayList<>();
    try (KeyValueIterator<String, String> open = inbox.prefixScan(unitId + "|", new StringSerializer())) {
      open.forEachRemaining(entry -> {
        String referralId = entry.key.substring(unitId.length() + 1);
        localCase(entry.value).ifPresent(state -> localIntake(entry.value).ifPresent(intake ->
            entries.add(new InboxEntry(referralId, state, intake))));
      });
    }
    return entries;
  }

  public Optional<AgencyUnit> unit(String unitId) {
    return Optional.ofNullable(units().get(unitId)).map(ValueAndTimestamp::value);
  }

  /** The whole agency directory, as every instance holds it. */
  public List<AgencyUnit> directory() {
    List<AgencyUnit> directory = new ArrayList<>();
    try (KeyValueIterator<String, ValueAndTimestamp<AgencyUnit>> all = units().all()) {
      all.forEachRemaining(unit -> directory.add(unit.value.value()));
    }
    return directory;
  }

  /**
   * The indicator snapshots as published (small figures already suppressed) of the windows that started at or
   * after {@code since} and have ended by {@code now}. A window still counting is left out: watched live, its
   * figures would tell each new report's province and kind as it came in.
   */
  public List<IndicatorSnapshot> finishedIndicators(java.time.Instant since, java.time.Instant now) {
    List<IndicatorSnapshot> snapshots = new ArrayList<>();
    try (KeyValueIterator<String, IndicatorSnapshot> all = store(RoutingTopology.INDICATORS_STORE,
        IndicatorSnapshot.class).all()) {
      all.forEachRemaining(entry -> {
        if (entry.value != null && !entry.value.getWindowStart().isBefore(since)
            && !entry.value.getWindowEnd().isAfter(now)) {
          snapshots.add(entry.value);
        }
      });
    }
    return snapshots;
  }

  private ReadOnlyKeyValueStore<String, ValueAndTimestamp<AgencyUnit>> units() {
    try {
      return streams().store(StoreQueryParameters.fromNameAndType(RoutingTopology.UNITS_STORE,
          QueryableStoreTypes.timestampedKeyValueStore()));
    } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
      throw new StoresUnavailableException();
    }
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> values) {
    try {
      return streams().store(StoreQueryParameters.fromNameAndType(name,
          QueryableStoreTypes.<String, V>keyValueStore()));
    } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
      throw new StoresUnavailableException();
    }
  }

  private KafkaStreams streams() {
    KafkaStreams streams = routing.streams().orElseThrow(StoresUnavailableException::new);
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw new StoresUnavailableException();
    }
    return streams;
  }

  private HostInfo self() {
    return HostInfo.buildFromEndpoint(routing.address().orElseThrow(StoresUnavailableException::new));
  }
}
