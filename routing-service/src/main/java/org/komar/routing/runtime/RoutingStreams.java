package org.komar.routing.runtime;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.komar.routing.rules.RoutingRules;
import org.komar.routing.streams.DeadLetters;
import org.komar.routing.streams.RoutingTopology;
import org.komar.schemas.serde.KomarSerdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.komar.kafka.KomarKafka;

/**
 * Runs the routing topology in this service: started once the HTTP server listens (its address is what other
 * instances call for the keys this one owns), closed on shutdown so that its transactions end cleanly. State lives
 * in {@code ROUTING_STATE_DIR}; it is rebuilt from the changelogs when missing, never wiped on start.
 *
 * <p>Run here rather than by micronaut-kafka-streams: the instance's address, which the topology needs for
 * interactive queries, is known only once the HTTP server listens.
 */
@Singleton
public final class RoutingStreams implements ApplicationEventListener<ServerStartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(RoutingStreams.class);

  private final RoutingRules rules;
  private final KomarSerdes serdes;
  private final Map<String, Object> kafka;
  private final Path stateDir;
  private final RoutingTopology.Settings settings;
  private final String advertisedHost;
  private volatile KafkaStreams streams;
  private volatile String address;

  RoutingStreams(RoutingRules rules, KomarKafka komarKafka,
      @Value("${komar.routing.application-id:komar-routing}") String applicationId,
      @Value("${komar.routing.state-dir:}") String stateDir,
      @Value("${komar.routing.deadline-scan:10s}") Duration deadlineScan,
      @Value("${komar.routing.indicator-window:1d}") Duration indicatorWindow,
      @Value("${komar.routing.session-timeout:45s}") Duration sessionTimeout,
      @Value("${komar.routing.commit-interval:25ms}") Duration commitInterval,
      @Value("${komar.routing.advertised-host:}") String advertisedHost) {
    this.advertisedHost = advertisedHost;
    this.rules = rules;
    this.serdes = komarKafka.serdes();
    this.kafka = komarKafka.connection();
    kafka.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    // Under exactly-once, a referral is visible only once its transaction commits, at this interval: it is the
    // floor of the intake-to-referral latency (Streams' default is 100 ms).
    kafka.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    // How long a crashed instance keeps its partitions before the others take its cases over.
    kafka.put(StreamsConfig.consumerPrefix("session.timeout.ms"), (int) sessionTimeout.toMillis());
    this.stateDir = stateDir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "komar-routing-state")
        : Path.of(stateDir);
    this.settings = new RoutingTopology.Settings(deadlineScan, indicatorWindow);
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    // Where other instances reach this one: the bound host unless it listens on every interface (a pod, a
    // container), where the deployment names it (the pod IP).
    String host = advertisedHost.isBlank() ? event.getSource().getHost() : advertisedHost;
    address = host + ":" + event.getSource().getPort();
    start(address);
  }

  synchronized void start(String applicationServer) {
    if (streams != null) {
      return;
    }
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the routing state folder " + stateDir
          + "; set ROUTING_STATE_DIR to a writable folder", e);
    }
    Map<String, Object> config = new HashMap<>(kafka);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    KafkaStreams started = new KafkaStreams(RoutingTopology.buildTopology(rules, serdes, settings),
        RoutingTopology.streamsConfig(config));
    // A crash of the stream thread is logged and the thread replaced: routing must go on.
    started.setUncaughtExceptionHandler(exception -> {
      // The class and Komar's own message only: a foreign message (Avro's) may quote a record's values.
      LOG.error("The routing stream thread failed: {}; replacing it", DeadLetters.safeMessage(exception));
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    started.setStateListener((to, from) -> LOG.info("Routing streams {} -> {}", from, to));
    started.start();
    streams = started;
    LOG.info("Routing streams started at {}, state in {}", applicationServer, stateDir);
  }

  /** The running streams, once the service has started them. */
  public Optional<KafkaStreams> streams() {
    return Optional.ofNullable(streams);
  }

  /** This instance's address, as other instances reach it for interactive queries. */
  public Optional<String> address() {
    return Optional.ofNullable(address);
  }

  @PreDestroy
  synchronized void close() {
    if (streams != null) {
      // Leaving the group on a clean stop lets the next start (or the other instances) take the partitions at once,
      // instead of waiting out the session timeout for a member that will not come back.
      streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
          .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
      streams = null;
    }
  }
}
