package org.komar.infra.test;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.komar.infra.InfraException;
import org.komar.infra.KafkaAccess;
import org.komar.infra.KafkaCluster;
import org.komar.infra.KafkaLogins;

/**
 * A real KRaft cluster inside the test JVM, from Kafka's own test kit, secured as the platform's broker is: SCRAM
 * logins on the client listener, the controllers' own login, and the access lists made from the topic catalogue
 * ({@link KafkaAccess}). Ready in about 1.5 s.
 */
public final class InProcessKafka implements KafkaCluster {

  private final KafkaClusterTestKit cluster;
  private final KafkaLogins logins;

  private InProcessKafka(KafkaClusterTestKit cluster, KafkaLogins logins) {
    this.cluster = cluster;
    this.logins = logins;
  }

  public static InProcessKafka start(KafkaLogins logins) {
    return start(nodes(logins).setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build(),
        SINGLE_BROKER_SETTINGS, logins);
  }

  /**
   * A cluster as production runs it, in the test JVM: three brokers and a controller, every topic replicated three
   * times and acknowledged once two replicas have a write.
   */
  public static InProcessKafka startThreeBrokers(KafkaLogins logins) {
    return start(nodes(logins).setCombined(false).setNumBrokerNodes(3).setNumControllerNodes(1).build(),
        Map.of("default.replication.factor", "3", "min.insync.replicas", "2",
            "offsets.topic.replication.factor", "3", "transaction.state.log.replication.factor", "3",
            "transaction.state.log.min.isr", "2", "group.initial.rebalance.delay.ms", "0"), logins);
  }

  /**
   * Nodes whose listeners take logins, and whose metadata starts with the administrator's SCRAM login (as the
   * platform's broker is formatted with it), so that brokers can replicate from the first moment.
   */
  private static TestKitNodes.Builder nodes(KafkaLogins logins) {
    MetadataVersion version = MetadataVersion.latestTesting();
    List<ApiMessageAndVersion> records = new ArrayList<>(BootstrapMetadata.fromVersions(version,
        Feature.PRODUCTION_FEATURES.stream().collect(Collectors.toMap(Feature::featureName,
            feature -> feature.defaultLevel(version), (first, second) -> first, TreeMap::new)), "komar").records());
    records.add(new ApiMessageAndVersion(scramRecord(KafkaLogins.ADMIN, logins.adminPassword()), (short) 0));
    return new TestKitNodes.Builder(BootstrapMetadata.fromRecords(records, "komar"))
        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT);
  }

  private static UserScramCredentialRecord scramRecord(String user, String password) {
    try {
      ScramCredential credential = new ScramFormatter(ScramMechanism.SCRAM_SHA_512).generateCredential(password,
          KafkaLogins.SCRAM_ITERATIONS);
      return new UserScramCredentialRecord().setName(user).setMechanism(ScramMechanism.SCRAM_SHA_512.type())
          .setSalt(credential.salt()).setStoredKey(credential.storedKey()).setServerKey(credential.serverKey())
          .setIterations(credential.iterations());
    } catch (NoSuchAlgorithmException e) {
      throw new InfraException("This JVM has no SHA-512: " + e.getMessage(), e);
    }
  }

  /** The ids of the brokers. */
  public java.util.Set<Integer> brokerIds() {
    return cluster.brokers().keySet();
  }

  /** Stops one broker, as a machine that goes away would. */
  public void stopBroker(int id) {
    cluster.brokers().get(id).shutdown();
  }

  private static InProcessKafka start(TestKitNodes nodes, Map<String, String> settings, KafkaLogins logins) {
    KafkaClusterTestKit cluster = null;
    try {
      Map<String, String> all = new HashMap<>(settings);
      all.putAll(logins.brokerSettings(nodes.brokerListenerName().value(), nodes.controllerListenerName().value()));
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      for (Map.Entry<String, String> setting : all.entrySet()) {
        builder.setConfigProp(setting.getKey(), setting.getValue());
      }
      cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      InProcessKafka kafka = new InProcessKafka(cluster, logins);
      KafkaAccess.apply(kafka.clientSettings(), logins);
      return kafka;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      InfraException failure = new InfraException("The in-process Kafka broker did not start: " + e.getMessage(), e);
      if (cluster != null) {
        try {
          cluster.close();
        } catch (Exception closing) {
          failure.addSuppressed(closing);
        }
      }
      throw failure;
    }
  }

  @Override
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public KafkaLogins logins() {
    return logins;
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new InfraException("The in-process Kafka broker did not stop cleanly: " + e.getMessage(), e);
    }
  }
}
