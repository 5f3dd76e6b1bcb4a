package org.komar.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.komar.events.AgeBand;
import org.komar.events.AgencyUnit;
import org.komar.events.Audience;
import org.komar.events.Gender;
import org.komar.events.IncidentCategory;
import org.komar.events.Language;
import org.komar.events.Province;
import org.komar.events.ReferralRequested;
import org.komar.events.RiskLevel;
import org.komar.events.SealedValue;
import org.komar.events.Service;
import org.komar.infra.ClientSettings;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * Notifications on a running platform ({@code ./komar run}): referral events written straight to
 * {@code referrals-police} for ten units whose webhooks point at a receiver inside this program, and the time
 * until each webhook arrives. A burst gives deliveries per second; a constant rate gives event-to-delivery
 * latency from each event's intended send time (p50, p99, p99.9). The units are inactive, so routing never
 * refers a real case to them, and are removed at the end.
 *
 * <p>Arguments: {@code [burst=2000] [rate=100] [seconds=30] [bootstrap=127.0.0.1:19092]
 * [registry=http://127.0.0.1:18080/apis/registry/v3]}.
 */
public final class NotificationLoad {

  private static final Pattern REFERRAL = Pattern.compile("\"referralId\":\"([^\"]+)\"");
  private static final int UNITS = 10;

  private final String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, Long> arrived = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final KomarSerdes serdes;
  private final Map<String, Object> kafka;

  private NotificationLoad(String bootstrap, String registry) {
    this.kafka = LocalKafka.adminSettings(bootstrap);
    this.serdes = new KomarSerdes(registry, "/komar/benchmarks");
  }

  public static void main(String[] args) throws Exception {
    int burst = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    new NotificationLoad(args.length > 3 ? args[3] : "127.0.0.1:19092",
        args.length > 4 ? args[4] : "http://127.0.0.1:18080/apis/registry/v3").measure(burst, rate, seconds);
  }

  private void measure(int burst, int rate, int seconds) throws Exception {
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext("/", exchange -> {
      long now = System.nanoTime();
      Matcher referral = REFERRAL.matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      if (referral.find()) {
        arrived.putIfAbsent(referral.group(1), now);
      }
      requests.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    String base = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/";
    List<String> units = new ArrayList<>();
    try (var producer = new KafkaProducer<>(ClientSettings.plus(kafka,
        "acks", "all",
        "linger.ms", 1), new StringSerializer(), serdes.valueSerializer())) {
      for (int i = 0; i < UNITS; i++) {
        String unitId = run + "-unit-" + i;
        units.add(unitId);
        producer.send(new ProducerRecord<>(Topics.AGENCY_UNITS.name(), unitId, AgencyUnit.newBuilder()
            .setUnitId(unitId).setName("Benchmark unit " + i).setService(Service.POLICE)
            .setProvinces(List.of(Province.SIEM_REAP)).setLanguages(List.of(Language.KHMER))
            .setFemaleOfficersAvailable(0).setCapacity(1).setActive(false).setWebhookUrl(base + unitId).build()))
            .get();
      }
      Thread.sleep(3000); // notification-service's directory has them
      try {
        Map<String, Long> intended = new ConcurrentHashMap<>();
        long burstStart = System.nanoTime();
        List<String> burstIds = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
          String referralId = run + "-burst-" + i;
          burstIds.add(referralId);
          producer.send(new ProducerRecord<>(Topics.REFERRALS_POLICE.name(), run + "-case-" + i,
              referral(run + "-case-" + i, referralId, units.get(i % UNITS))));
        }
        producer.flush();
        long last = await(burstIds);
        double burstSeconds = (last - burstStart) / 1e9;
        System.out.printf("burst: %d webhooks delivered in %.2f s = %.0f deliveries/s (%d requests)%n", burst,
            burstSeconds, burst / burstSeconds, requests.get());

        List<String> steadyIds = new ArrayList<>();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < rate * seconds; i++) {
          long at = start + i * interval;
          while (System.nanoTime() < at) {
            Thread.onSpinWait();
          }
          String referralId = run + "-steady-" + i;
          steadyIds.add(referralId);
          intended.put(referralId, at);
          producer.send(new ProducerRecord<>(Topics.REFERRALS_POLICE.name(), run + "-scase-" + i,
              referral(run + "-scase-" + i, referralId, units.get(i % UNITS))));
        }
        producer.flush();
        await(steadyIds);
        Histogram latency = new Histogram(120_000_000L, 3);
        steadyIds.forEach(id -> latency.recordValue(Math.max(1, (arrived.get(id) - intended.get(id)) / 1000)));
        System.out.printf("steady: %d events/s for %d s, event->webhook latency ms: p50 %.1f  p99 %.1f  "
                + "p99.9 %.1f  max %.1f%n", rate, seconds, latency.getValueAtPercentile(50) / 1000.0,
            latency.getValueAtPercentile(99) / 1000.0, latency.getValueAtPercentile(99.9) / 1000.0,
            latency.getMaxValue() / 1000.0);
      } finally {
        for (String unitId : units) {
          producer.send(new ProducerRecord<>(Topics.AGENCY_UNITS.name(), unitId, null)).get();
        }
        receiver.stop(0);
      }
    }
  }

  private long await(List<String> ids) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (ids.stream().allMatch(arrived::containsKey)) {
        return ids.stream().mapToLong(arrived::get).max().orElseThrow();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(ids.stream().filter(id -> !arrived.containsKey(id)).count() + " of "
        + ids.size() + " webhooks did not arrive within 3 minutes");
  }

  private static ReferralRequested referral(String caseId, String referralId, String unitId) {
    SealedValue sealed = new SealedValue(caseId + "/1", List.of(Audience.POLICE), ByteBuffer.wrap(new byte[32]));
    return ReferralRequested.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
        .setOccurredAt(Instant.now()).setCaseReference("BN-" + referralId.hashCode()).setReferralId(referralId)
        .setService(Service.POLICE).setUnitId(unitId).setPriority(2).setDeadline(Instant.now().plusSeconds(86400))
        .setProvince(Province.SIEM_REAP).setChildAgeBand(AgeBand.AGE_13_TO_15).setChildGender(Gender.GIRL)
        .setLanguage(Language.KHMER).setFemaleOfficerRequested(false)
        .setIncidentCategories(List.of(IncidentCategory.GROOMING)).setRiskLevel(RiskLevel.MEDIUM)
        .setMandatoryReport(false).setChildIdentity(sealed).build();
  }
}
