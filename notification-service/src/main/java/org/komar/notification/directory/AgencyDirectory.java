package org.komar.notification.directory;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.komar.events.AgencyUnit;
import org.komar.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.komar.kafka.KomarKafka;

/**
 * The agency directory as this service needs it (how to reach each unit), read whole from the compacted
 * {@code agency-units} topic and kept up to date by a thread of its own. Events are not turned into deliveries
 * before the directory has been read to its end once, so no unit is missed at start.
 */
@Singleton
public final class AgencyDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AgencyDirectory.class);

  private final Map<String, AgencyUnit> units = new ConcurrentHashMap<>();
  private final CountDownLatch loaded = new CountDownLatch(1);
  private final KafkaConsumer<String, AgencyUnit> consumer;
  private final Thread reader;
  private volatile boolean running = true;

  /** A consumer of its own, not a {@code @KafkaListener}: it reads the whole topic, in no group, to its end. */
  AgencyDirectory(KomarKafka kafka) {
    consumer = kafka.consumer("directory", Map.of(),
        kafka.serdes().valueSerde(Topics.AGENCY_UNITS).deserializer());
    reader = Thread.ofPlatform().name("agency-directory").daemon().start(this::read);
  }

  private void read() {
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.AGENCY_UNITS.name()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (running) {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> {
          if (record.value() == null) {
            units.remove(record.key());
          } else {
            units.put(record.key(), record.value());
          }
        });
        if (loaded.getCount() > 0 && ends.entrySet().stream()
            .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
          LOG.info("Agency directory read: {} units", units.size());
          loaded.countDown();
        }
      }
    } catch (WakeupException stopping) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("The agency directory stopped being read ({})", e.getClass().getSimpleName(), e);
    } finally {
      consumer.close();
    }
  }

  /** Waits until the directory was read to its end once; false if that took longer than {@code timeout}. */
  public boolean awaitLoaded(Duration timeout) throws InterruptedException {
    return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public Optional<AgencyUnit> unit(String unitId) {
    return Optional.ofNullable(units.get(unitId));
  }

  public Collection<AgencyUnit> all() {
    return List.copyOf(units.values());
  }

  @PreDestroy
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
