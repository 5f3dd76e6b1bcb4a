package org.komar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.komar.infra.ClientSettings;
import org.komar.infra.test.TestJvms;
import org.komar.schemas.KafkaPrincipal;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;

/**
 * Kafka as the platform runs it (its own broker JVM, {@link KafkaServerProcess}), with the logins and access lists made
 * from the topic catalogue ({@link KafkaAccess}): every service tries to write and read every topic and gets exactly
 * what the catalogue says, and a service broken into cannot forge another's records, take over routing's Streams
 * group or transactions, or touch the evidence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAccessTest {

  private static final byte[] PROBE = "access-check".getBytes(StandardCharsets.UTF_8);

  private final KafkaLogins logins = KafkaLogins.generate();
  private KafkaServerProcess broker;

  @BeforeAll
  void startBroker(@TempDir Path dataDir) {
    broker = KafkaServerProcess.start(dataDir.resolve("kafka"), Ports.free(), Ports.free(),
        InfraLayout.fromBuild().kafkaBrokerLib(), dataDir.resolve("kafka.log"), TestJvms.broker("384m"), logins);
    TopicCatalogue.create(broker.clientSettings(), 1, (short) 1);
    KafkaAccess.apply(broker.clientSettings(), logins);
    // A record in every topic, so that a reader allowed to read one gets something back.
    try (var producer = new KafkaProducer<>(broker.clientSettings(), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (Topic<?, ?> topic : Topics.all()) {
        producer.send(new ProducerRecord<>(topic.name(), PROBE, PROBE));
      }
      producer.flush();
    }
  }

  @AfterAll
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldGiveEveryServiceExactlyTheTopicsTheCatalogueGivesIt() {
    List<String> deviations = new ArrayList<>();
    int cells = 0;
    for (KafkaPrincipal principal : KafkaPrincipal.values()) {
      try (KafkaProducer<byte[], byte[]> producer = producer(principal, Map.of())) {
        for (Topic<?, ?> topic : Topics.all()) {
          cells++;
          boolean wrote = canWrite(producer, topic.name());
          if (wrote != topic.writableBy(principal)) {
            deviations.add(principal + (wrote ? " wrote " : " could not write ") + topic.name());
          }
        }
      }
      for (Topic<?, ?> topic : Topics.all()) {
        cells++;
        boolean read = canRead(principal, topic.name());
        if (read != topic.readableBy(principal)) {
          deviations.add(principal + (read ? " read " : " could not read ") + topic.name());
        }
      }
    }
    System.out.printf("Kafka access matrix: %d principals x %d topics x {write, read} = %d cells, %d deviations%n",
        KafkaPrincipal.values().length, Topics.all().size(), cells, deviations.size());

    assertThat(cells).isEqualTo(KafkaPrincipal.values().length * Topics.all().size() * 2);
    assertThat(deviations).isEmpty();
  }

  @Test
  void shouldRefuseNotificationWritingTheAgencyDirectory() {
    // A notification broken into must not re-route new cases, and their openings, to a unit of its choosing
    try (KafkaProducer<byte[], byte[]> producer = producer(KafkaPrincipal.NOTIFICATION, Map.of())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.AGENCY_UNITS.name(), PROBE, PROBE))
          .get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void shouldLetOnlyTheVaultWriteTheAuditTrail() {
    for (KafkaPrincipal principal : KafkaPrincipal.values()) {
      try (KafkaProducer<byte[], byte[]> producer = producer(principal, Map.of())) {
        boolean wrote = canWrite(producer, Topics.AUDIT_EVENTS.name());
        assertThat(wrote).as(principal + " writing audit-events").isEqualTo(principal == KafkaPrincipal.VAULT);
      }
    }
  }

  @Test
  void shouldLetNobodyButTheAdministratorDeleteTheEvidence() {
    TopicPartition audit = new TopicPartition(Topics.AUDIT_EVENTS.name(), 0);
    for (KafkaPrincipal principal : KafkaPrincipal.values()) {
      try (Admin admin = Admin.create(broker.clientSettings(principal))) {
        assertThatThrownBy(() -> admin.deleteRecords(Map.of(audit, RecordsToDelete.beforeOffset(1))).all()
            .get(20, TimeUnit.SECONDS)).as(principal.toString())
            .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> admin.deleteTopics(List.of(Topics.AUDIT_EVENTS.name())).all()
            .get(20, TimeUnit.SECONDS)).as(principal.toString())
            .hasCauseInstanceOf(TopicAuthorizationException.class);
      }
    }
  }

  @Test
  void shouldRefuseAnotherServiceJoiningRoutingsStreamsGroup() {
    // Routing's instances forward bearer tokens to each other: a stranger in the group would receive them
    Map<String, Object> joiner = ClientSettings.plus(broker.clientSettings(KafkaPrincipal.NOTIFICATION),
        "group.id", KafkaPrincipal.ROUTING.namespace(), "auto.offset.reset", "earliest");
    try (var consumer = new KafkaConsumer<>(joiner, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.CASE_INTAKES.name()));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(20))).isInstanceOf(GroupAuthorizationException.class);
    }
  }

  @Test
  void shouldLetAServiceUseTheGroupsOfItsOwnNamespace() {
    Map<String, Object> own = ClientSettings.plus(broker.clientSettings(KafkaPrincipal.NOTIFICATION),
        "group.id", KafkaPrincipal.NOTIFICATION.namespace() + "-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
    try (var consumer = new KafkaConsumer<>(own, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.CASE_INTAKES.name()));
      consumer.poll(Duration.ofSeconds(5));
      consumer.commitSync();
    }
  }

  @Test
  void shouldRefuseAnotherServiceRoutingsTransactionalIds() {
    for (KafkaPrincipal principal : List.of(KafkaPrincipal.INTAKE, KafkaPrincipal.NOTIFICATION, KafkaPrincipal.VAULT)) {
      try (KafkaProducer<byte[], byte[]> producer = producer(principal,
          Map.of("transactional.id", KafkaPrincipal.ROUTING.namespace() + "-" + UUID.randomUUID()))) {
        assertThatThrownBy(producer::initTransactions).as(principal.toString())
            .isInstanceOf(TransactionalIdAuthorizationException.class);
      }
    }
    try (KafkaProducer<byte[], byte[]> routing = producer(KafkaPrincipal.ROUTING,
        Map.of("transactional.id", KafkaPrincipal.ROUTING.namespace() + "-" + UUID.randomUUID()))) {
      routing.initTransactions();
    }
  }

  @Test
  void shouldRefuseAServiceCreatingTopicsOrChangingTheAccessLists() {
    for (KafkaPrincipal principal : KafkaPrincipal.values()) {
      try (Admin admin = Admin.create(broker.clientSettings(principal))) {
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("case-intakes-copy", 1, (short) 1))).all()
            .get(20, TimeUnit.SECONDS)).as(principal.toString())
            .hasCauseInstanceOf(TopicAuthorizationException.class);
        AclBinding grant = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "*", PatternType.LITERAL),
            new AccessControlEntry(KafkaAccess.principalName(principal), "*", AclOperation.ALL,
                AclPermissionType.ALLOW));
        assertThatThrownBy(() -> admin.createAcls(List.of(grant)).all().get(20, TimeUnit.SECONDS))
            .as(principal.toString()).hasCauseInstanceOf(ClusterAuthorizationException.class);
      }
    }
  }

  @Test
  void shouldTurnAwayAClientWithAWrongPassword() {
    Map<String, Object> wrong = ClientSettings.plus(broker.clientSettings(KafkaPrincipal.ROUTING),
        "sasl.jaas.config", KafkaLogins.scramJaas(KafkaPrincipal.ROUTING.username(), KafkaLogins.randomPassword()),
        "default.api.timeout.ms", 10_000, "request.timeout.ms", 5_000);
    try (Admin admin = Admin.create(wrong)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void shouldTakeThePlainMechanismFromTheAdministratorAlone() throws Exception {
    // For Confluent tools on librdkafka before 2.6.1, which fail SCRAM against Kafka 4: the administrator only
    String adminPlain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + KafkaLogins.ADMIN + "\" password=\"" + logins.adminPassword() + "\";";
    try (Admin admin = Admin.create(ClientSettings.plus(broker.clientSettings(), "sasl.mechanism", "PLAIN",
        "sasl.jaas.config", adminPlain))) {
      assertThat(admin.listTopics().names().get(20, TimeUnit.SECONDS)).contains(Topics.AUDIT_EVENTS.name());
    }
    String routingPlain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + KafkaPrincipal.ROUTING.username() + "\" password=\"" + logins.passwordOf(KafkaPrincipal.ROUTING) + "\";";
    try (Admin admin = Admin.create(ClientSettings.plus(broker.clientSettings(KafkaPrincipal.ROUTING),
        "sasl.mechanism", "PLAIN", "sasl.jaas.config", routingPlain, "default.api.timeout.ms", 10_000,
        "request.timeout.ms", 5_000))) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void shouldTurnAwayAClientWithoutALogin() {
    Map<String, Object> anonymous = Map.of("bootstrap.servers", broker.bootstrapServers(),
        "default.api.timeout.ms", 5_000, "request.timeout.ms", 2_000);
    try (Admin admin = Admin.create(anonymous)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
  }

  @Test
  void shouldTakeBackARightThatIsNoLongerInTheCatalogue() {
    // Given an entry the catalogue does not declare, as an operator's hand-made grant or an older Komar's would be
    AclBinding stray = new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.AUDIT_EVENTS.name(),
        PatternType.LITERAL), new AccessControlEntry(KafkaAccess.principalName(KafkaPrincipal.ROUTING), "*",
        AclOperation.WRITE, AclPermissionType.ALLOW));
    try (Admin admin = Admin.create(broker.clientSettings())) {
      admin.createAcls(List.of(stray)).all().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }

    // When provisioning runs again
    KafkaAccess.Applied applied = KafkaAccess.apply(broker.clientSettings(), logins);

    // Then the stray entry is gone and routing cannot write the trail
    assertThat(applied.removed()).isEqualTo(1);
    assertThat(applied.added()).isZero();
    try (KafkaProducer<byte[], byte[]> producer = producer(KafkaPrincipal.ROUTING, Map.of())) {
      assertThat(canWrite(producer, Topics.AUDIT_EVENTS.name())).isFalse();
    }
  }

  private KafkaProducer<byte[], byte[]> producer(KafkaPrincipal principal, Map<String, Object> settings) {
    Map<String, Object> config = ClientSettings.plus(broker.clientSettings(principal), "max.block.ms", 15_000,
        "delivery.timeout.ms", 15_000, "request.timeout.ms", 10_000, "linger.ms", 0);
    config.putAll(settings);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static boolean canWrite(KafkaProducer<byte[], byte[]> producer, String topic) {
    try {
      producer.send(new ProducerRecord<>(topic, PROBE, PROBE)).get(30, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicAuthorizationException) {
        return false;
      }
      throw new AssertionError("Writing " + topic + " failed otherwise than by a refusal", e);
    } catch (TopicAuthorizationException e) {
      return false;
    } catch (Exception e) {
      throw new AssertionError("Writing " + topic + " failed otherwise than by a refusal", e);
    }
  }

  /** Reads the topic's first partition from its start, without a consumer group: only the topic's rights count. */
  private boolean canRead(KafkaPrincipal principal, String topic) {
    Map<String, Object> config = ClientSettings.plus(broker.clientSettings(principal), "default.api.timeout.ms",
        15_000, "request.timeout.ms", 10_000);
    try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
          return true;
        }
      }
      throw new AssertionError(principal + " neither read nor was refused " + topic + " within 10 s");
    } catch (TopicAuthorizationException e) {
      return false;
    }
  }
}
