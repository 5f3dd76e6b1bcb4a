package org.komar.infra;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.komar.schemas.KafkaPrincipal;

/** A Kafka cluster the platform or a test talks to: local (own JVM or in-process) or external. */
public interface KafkaCluster extends AutoCloseable {

  /**
   * Broker settings without which a single broker cannot serve consumer groups or exactly-once Kafka
   * Streams: the internal topics default to three replicas, which one broker cannot give (the group
   * coordinator never forms and an {@code exactly_once_v2} application waits in REBALANCING forever).
   */
  Map<String, String> SINGLE_BROKER_SETTINGS = Map.ofEntries(
      Map.entry("offsets.topic.replication.factor", "1"),
      Map.entry("offsets.topic.num.partitions", "10"),
      Map.entry("transaction.state.log.replication.factor", "1"),
      Map.entry("transaction.state.log.min.isr", "1"),
      Map.entry("transaction.state.log.num.partitions", "10"),
      Map.entry("share.coordinator.state.topic.replication.factor", "1"),
      Map.entry("share.coordinator.state.topic.min.isr", "1"),
      Map.entry("group.initial.rebalance.delay.ms", "0"),
      // The log cleaner keeps a buffer of this size on the heap for compacting (128 MB by default, most of a small
      // broker's heap); the compacted topics of one platform are small.
      Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024)),
      // Topics come from the catalogue; a typo in a topic name must fail, not create a topic.
      Map.entry("auto.create.topics.enable", "false"));

  String bootstrapServers();

  /** The logins of this cluster: its administrator's and every service's. */
  KafkaLogins logins();

  /** The administrator's client settings for this cluster: provisioning, and tests that read or write any topic. */
  default Map<String, Object> clientSettings() {
    return logins().adminSettings(bootstrapServers());
  }

  /**
   * A service's client settings for this cluster: the administrator's (the cluster's protocol, its trust store)
   * with the service's login instead; what that service, and only it, may do.
   */
  default Map<String, Object> clientSettings(KafkaPrincipal principal) {
    Map<String, Object> settings = new java.util.HashMap<>(clientSettings());
    settings.put("sasl.mechanism", KafkaLogins.MECHANISM);
    settings.put("sasl.jaas.config", KafkaLogins.scramJaas(principal.username(), logins().passwordOf(principal)));
    return settings;
  }

  /** True once the cluster answers a metadata request with at least one broker. */
  static boolean answers(Map<String, Object> clientSettings, Duration timeout) throws Exception {
    Map<String, Object> settings = new java.util.HashMap<>(clientSettings);
    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(settings)) {
      return !admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
    }
  }

  @Override
  void close();
}
