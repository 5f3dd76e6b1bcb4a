package org.komar.benchmarks;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.komar.events.AgeBand;
import org.komar.events.AgencyUnit;
import org.komar.events.Audience;
import org.komar.events.Channel;
import org.komar.events.Consent;
import org.komar.events.ConsentGiver;
import org.komar.events.ConsentPurpose;
import org.komar.events.ContactChannel;
import org.komar.events.Gender;
import org.komar.events.IncidentCategory;
import org.komar.events.IntakeReceived;
import org.komar.events.Language;
import org.komar.events.Preferences;
import org.komar.events.Province;
import org.komar.events.ReferralRequested;
import org.komar.events.ReporterMessages;
import org.komar.events.ReporterRelationship;
import org.komar.events.RiskLevel;
import org.komar.events.SealedValue;
import org.komar.events.Service;
import org.komar.infra.ClientSettings;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * Routing on a running platform ({@code ./komar run}): intakes written straight to {@code case-intakes}, as the
 * outbox writes them, and the counselling referral each one yields read back (read_committed). Two phases:
 *
 * <ol>
 *   <li>a burst of intakes sent as fast as the producer takes them: routed intakes per second, from the first send
 *       to the last referral;</li>
 *   <li>a constant offered rate: latency from each intake's <em>intended</em> send time to its referral
 *       (coordinated-omission-safe), p50, p99, p99.9.</li>
 * </ol>
 *
 * <p>So that capacity limits of the sample directory do not stop referrals, it adds two units of its own
 * ({@code bench-*}, every province, a female officer, vast capacity) and deletes them (tombstones) at the end;
 * the benchmark's cases stay in the local data until {@code ./komar reset}.
 *
 * <p>Arguments: {@code [burst=5000] [rate=200] [seconds=30] [bootstrap=127.0.0.1:19092]
 * [registry=http://127.0.0.1:18080/apis/registry/v3]}.
 */
public final class RoutingLoad {

  private static final Duration WAIT = Duration.ofSeconds(120);

  private final KomarSerdes serdes;
  private final Map<String, Object> kafka;
  private final String run = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  private final Map<String, Long> intendedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> routedAt = new ConcurrentHashMap<>();

  private RoutingLoad(String bootstrap, String registry) {
    this.kafka = LocalKafka.adminSettings(bootstrap);
    this.serdes = new KomarSerdes(registry, "/komar/benchmarks");
  }

  public static void main(String[] args) throws Exception {
    int burst = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    RoutingLoad load = new RoutingLoad(args.length > 3 ? args[3] : "127.0.0.1:19092",
        args.length > 4 ? args[4] : "http://127.0.0.1:18080/apis/registry/v3");
    load.benchUnits(false);
    try {
      load.measure(burst, rate, seconds);
    } finally {
      load.benchUnits(true);
    }
  }

  private void measure(int burst, int rate, int seconds) throws Exception {
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread reader = Thread.ofPlatform().name("referral-reader").start(() -> readReferrals(reading));
    Thread.sleep(3000); // the reader's partitions assigned, at the end of the topic
    try (KafkaProducer<String, IntakeReceived> producer = producer()) {
      // Phase 1: a burst, as fast as the producer takes it
      List<String> burstCases = new ArrayList<>();
      long burstStart = System.nanoTime();
      for (int i = 0; i < burst; i++) {
        String caseId = run + "burst-" + i;
        burstCases.add(caseId);
        intendedAt.put(caseId, System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.CASE_INTAKES.name(), caseId, intake(caseId, i)));
      }
      producer.flush();
      long lastRouted = awaitRouted(burstCases);
      double burstSeconds = (lastRouted - burstStart) / 1e9;
      System.out.printf("burst: %d intakes routed in %.2f s = %.0f routed intakes/s%n", burst, burstSeconds,
          burst / burstSeconds);

      // Phase 2: a constant offered rate; latency from the intended send time
      List<String> steadyCases = new ArrayList<>();
      long interval = 1_000_000_000L / rate;
      long start = System.nanoTime() + 100_000_000L;
      int total = rate * seconds;
      for (int i = 0; i < total; i++) {
        long intended = start + i * interval;
        while (System.nanoTime() < intended) {
          Thread.onSpinWait();
        }
        String caseId = run + "steady-" + i;
        steadyCases.add(caseId);
        intendedAt.put(caseId, intended);
        producer.send(new ProducerRecord<>(Topics.CASE_INTAKES.name(), caseId, intake(caseId, i)));
      }
      producer.flush();
      awaitRouted(steadyCases);
      Histogram latency = new Histogram(60_000_000L, 3);
      steadyCases.forEach(caseId -> latency.recordValue(
          Math.max(1, (routedAt.get(caseId) - intendedAt.get(caseId)) / 1000)));
      System.out.printf("steady: %d intakes/s for %d s, intake->referral latency ms: p50 %.1f  p99 %.1f  "
              + "p99.9 %.1f  max %.1f%n", rate, seconds, latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0, latency.getValueAtPercentile(99.9) / 1000.0,
          latency.getMaxValue() / 1000.0);
    } finally {
      reading.set(false);
      reader.join();
    }
  }

  private long awaitRouted(List<String> cases) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (cases.stream().allMatch(routedAt::containsKey)) {
        return cases.stream().mapToLong(routedAt::get).max().orElseThrow();
      }
      Thread.sleep(20);
    }
    long missing = cases.stream().filter(caseId -> !routedAt.containsKey(caseId)).count();
    throw new IllegalStateException(missing + " of " + cases.size() + " intakes were not routed within " + WAIT);
  }

  private void readReferrals(AtomicBoolean reading) {
    // A read_committed fetch can sit out its whole wait after the transaction's markers land; keep it short, as
    // notification-service does, so what is measured is routing, not the reader's long poll.
    Map<String, Object> config = ClientSettings.plus(kafka, "group.id", run + "reader", "auto.offset.reset", "latest",
        "isolation.level", "read_committed", "fetch.max.wait.ms", 10);
    try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        serdes.valueSerde(Topics.REFERRALS_PSYCHOSOCIAL).deserializer())) {
      consumer.subscribe(List.of(Topics.REFERRALS_PSYCHOSOCIAL.name()));
      while (reading.get()) {
        long now = System.nanoTime();
        for (var record : consumer.poll(Duration.ofMillis(5))) {
          ReferralRequested referral = record.value();
          if (record.key() != null && record.key().startsWith(run)) {
            routedAt.putIfAbsent(referral.getCaseId(), now);
          }
        }
      }
    }
  }

  private KafkaProducer<String, IntakeReceived> producer() {
    return new KafkaProducer<>(ClientSettings.plus(kafka,
        "acks", "all",
        "enable.idempotence", true,
        "linger.ms", 1), new StringSerializer(), serdes.valueSerde(Topics.CASE_INTAKES).serializer());
  }

  /** Two units that take every benchmark case; with {@code remove}, their tombstones. */
  private void benchUnits(boolean remove) throws Exception {
    try (var producer = new KafkaProducer<>(ClientSettings.plus(kafka, "acks", "all"),
        new StringSerializer(), serdes.valueSerde(Topics.AGENCY_UNITS).serializer())) {
      for (Service service : List.of(Service.POLICE, Service.PSYCHOSOCIAL)) {
        String unitId = "bench-" + service.name().toLowerCase();
        AgencyUnit unit = remove ? null : AgencyUnit.newBuilder().setUnitId(unitId).setName("Benchmark " + service)
            .setService(service).setProvinces(Arrays.asList(Province.values())).setLanguages(List.of(Language.KHMER))
            .setFemaleOfficersAvailable(100).setCapacity(10_000_000).setActive(true).build();
        producer.send(new ProducerRecord<>(Topics.AGENCY_UNITS.name(), unitId, unit)).get();
      }
    }
    if (!remove) {
      Thread.sleep(2000); // every routing instance's global table has them
    }
  }

  private static IntakeReceived intake(String caseId, int i) {
    SealedValue sealed = new SealedValue(caseId + "/1", List.of(Audience.POLICE, Audience.PSYCHOSOCIAL,
        Audience.FOLLOW_UP), ByteBuffer.wrap(new byte[64]));
    Province[] provinces = Province.values();
    return IntakeReceived.newBuilder().setEventId(caseId + "/intake").setCaseId(caseId)
        .setOccurredAt(Instant.now()).setCaseReference("BENCH" + i).setChannel(Channel.HOTLINE_PHONE)
        .setReporterRelationship(ReporterRelationship.SELF).setChildAgeBand(AgeBand.AGE_13_TO_15)
        .setChildGender(Gender.GIRL).setProvince(provinces[i % provinces.length]).setLanguage(Language.KHMER)
        .setPreferences(new Preferences(true, ContactChannel.PHONE_CALL, Language.KHMER, ReporterMessages.DISCREET))
        .setConsents(Arrays.stream(ConsentPurpose.values())
            .map(purpose -> new Consent(purpose, true, ConsentGiver.CHILD)).toList())
        .setIncidentCategories(List.of(IncidentCategory.SEXTORTION)).setPlatforms(List.of())
        .setRiskLevel(RiskLevel.HIGH).setMediaHashes(List.of()).setHotlineId("hotline-bench")
        .setChildIdentity(sealed).setNarrative(sealed).setContentUrls(null).setOffenderHandles(null)
        .setReporterContact(null).build();
  }
}
