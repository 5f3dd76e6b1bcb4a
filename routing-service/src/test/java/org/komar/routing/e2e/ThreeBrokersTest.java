package org.komar.routing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.komar.events.IntakeReceived;
import org.komar.events.ReferralRequested;
import org.komar.infra.ClientSettings;
import org.komar.infra.TopicCatalogue;
import org.komar.infra.test.BearerTokens;
import org.komar.infra.test.InProcessKafka;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.routing.Intakes;
import org.komar.schemas.Topics;
import org.komar.schemas.security.Roles;

/**
 * Routing as production runs it: a cluster of three brokers (every topic replicated three times, two replicas
 * needed for a write) and two routing instances sharing the partitions. One broker stops while intakes arrive:
 * every intake the cluster acknowledged is routed exactly once, and either instance answers for every case.
 */
class ThreeBrokersTest {

  private static final int INTAKES = 240;
  private static final int BROKER_STOPS_AFTER = 80;
  private static final String UNIT_TOKEN = BearerTokens.agency("officer-1", Roles.POLICE_OFFICER,
      "police-siem-reap-juvenile");

  private final HttpClient http = HttpClient.newHttpClient();
  private final String run = "three-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  @Test
  void shouldRouteEveryAcknowledgedIntakeOnceAndAnswerFromEitherInstanceWhileABrokerIsDown() throws Exception {
    String registry = TestStack.shared().registry().registryApiUrl();
    try (InProcessKafka cluster = InProcessKafka.startThreeBrokers(TestStack.KAFKA_LOGINS)) {
      TopicCatalogue.create(cluster.clientSettings(), 3, (short) 3);
      StackEvents events = new StackEvents(cluster.clientSettings(), registry);
      events.seedDirectory();
      Path state = Files.createDirectories(Path.of("target", "test-stack", run)).toAbsolutePath();
      Map<String, String> onCluster = Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers());
      try (RoutingProcess a = RoutingProcess.start(run + "a", "komar-routing-" + run, state.resolve("a"), onCluster);
          RoutingProcess b = RoutingProcess.start(run + "b", "komar-routing-" + run, state.resolve("b"), onCluster)) {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (var producer = new KafkaProducer<>(ClientSettings.plus(cluster.clientSettings(),
            "acks", "all",
            "enable.idempotence", true,
            "delivery.timeout.ms", 60_000),
            new StringSerializer(), events.serdes().valueSerde(Topics.CASE_INTAKES).serializer())) {
          for (int i = 0; i < INTAKES; i++) {
            if (i == BROKER_STOPS_AFTER) {
              cluster.stopBroker(cluster.brokerIds().iterator().next());
            }
            String caseId = run + i;
            IntakeReceived intake = Intakes.girlInSiemReap().setCaseId(caseId).setEventId(caseId + "/intake")
                .setConsents(Intakes.allConsents()).build();
            producer.send(new ProducerRecord<>(Topics.CASE_INTAKES.name(), caseId, intake), (metadata, failure) -> {
              if (failure == null) {
                acknowledged.add(caseId);
              }
            });
            Thread.sleep(10);
          }
        }
        assertThat(acknowledged).as("intakes the cluster acknowledged").hasSizeGreaterThan(INTAKES * 9 / 10);

        // Every acknowledged intake has exactly one police referral
        List<ConsumerRecord<String, ReferralRequested>> referrals = TopicReader.read(cluster.clientSettings(),
            Topics.REFERRALS_POLICE.name(), events.serdes().valueSerde(Topics.REFERRALS_POLICE).deserializer(),
            record -> acknowledged.contains(record.key()), acknowledged.size(), Duration.ofSeconds(120));
        assertThat(referrals).hasSize(acknowledged.size());
        assertThat(referrals.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(acknowledged);

        // Both instances keep cases, and either answers for every case with the same view
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(RoutingProcess.keptBy(List.of(a, b), acknowledged, UNIT_TOKEN)).as("cases kept by each instance")
                .containsKeys(a.uri, b.uri));
        for (String caseId : acknowledged) {
          HttpResponse<String> fromA = get(a.uri.resolve("/api/v1/cases/" + caseId));
          assertThat(fromA.statusCode()).as(caseId).isEqualTo(200);
          assertThat(get(b.uri.resolve("/api/v1/cases/" + caseId)).body()).isEqualTo(fromA.body());
        }
        System.out.printf("Three brokers, one stopped after %d of %d intakes: %d acknowledged, each routed once, "
            + "answered by both instances%n", BROKER_STOPS_AFTER, INTAKES, acknowledged.size());
      }
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).header("Authorization", UNIT_TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
