package org.komar.benchmarks.platform;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.komar.benchmarks.LocalKafka;
import org.komar.infra.ClientSettings;
import org.komar.schemas.Topics;

/**
 * When each case's police referral became visible and when its police unit's webhook arrived, on this
 * program's clock. Referrals are read as agencies' consumers read them (read_committed, so only once routing's
 * transaction committed); the webhooks of every unit in the directory point at the receiver here.
 */
final class Arrivals implements AutoCloseable {

  private static final Pattern CASE_REFERENCE = Pattern.compile("\"caseReference\":\"([^\"]+)\"");

  /** Police referral visible, by case id (the record key). */
  final Map<String, Long> referrals = new ConcurrentHashMap<>();
  /**
   * When routing decided the referral, by case id, on the same clock as {@link #referrals}: the referral's record
   * timestamp, which routing sets to the time it processed the intake (to the millisecond). From there until the
   * referral is visible is the wait for routing's transaction to commit.
   */
  final Map<String, Long> routed = new ConcurrentHashMap<>();
  /** The wall clock's millisecond minus {@link System#nanoTime()} in ms, to put record timestamps on that clock. */
  private final long wallMinusNanoMs = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
  /** Police referral webhook received, by case reference. */
  final Map<String, Long> webhooks = new ConcurrentHashMap<>();
  private final HttpServer receiver;
  private final Thread reader;
  private volatile boolean running = true;

  Arrivals(Map<String, Object> kafkaSettings) throws java.io.IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext("/", exchange -> {
      long now = System.nanoTime();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Matcher reference = CASE_REFERENCE.matcher(body);
      if (body.contains("\"service\":\"POLICE\"") && body.contains("REFERRAL_REQUESTED") && reference.find()) {
        webhooks.putIfAbsent(reference.group(1), now);
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();

    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientSettings.plus(kafkaSettings,
        "isolation.level", "read_committed",
        "fetch.max.wait.ms", 10,
        "enable.auto.commit", false),
        new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.REFERRALS_POLICE.name()).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    reader = Thread.ofPlatform().name("referral-reader").daemon().start(() -> {
      try (consumer) {
        while (running) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
            referrals.putIfAbsent(record.key(), System.nanoTime());
            routed.putIfAbsent(record.key(), (record.timestamp() - wallMinusNanoMs) * 1_000_000);
          }
        }
      }
    });
  }

  /** The base URL webhooks are sent to; a unit's hook is this followed by its id. */
  String webhookBase() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/";
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    reader.join(Duration.ofSeconds(5));
    receiver.stop(0);
  }
}
