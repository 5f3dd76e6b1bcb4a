package org.komar.schemas;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A Kafka topic of Komar: its name, the types of its keys and values, how many partitions it must have (when
 * that is not the platform's choice), how the broker keeps its records, and who may write and read it. The
 * cluster's access control lists are generated from {@link #writers()} and {@link #readers()}: a service that
 * writes or reads a topic must be named here, or the broker refuses it.
 *
 * <p>Names are kebab-case plural nouns. Event topics carry Avro values keyed by a string (the case id, so that
 * a case stays in order on one partition). Every event topic has a dead-letter twin, {@code <name>-dlq}, where
 * records that cannot be processed are parked byte for byte, with error headers, instead of being dropped: its
 * writers are the readers of the topic it serves, and only the cluster's administrator reads it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType, Retention retention,
    OptionalInt partitions, Set<KafkaPrincipal> writers, Set<KafkaPrincipal> readers) {

  /** How long the broker keeps a topic's records. */
  public enum Retention {
    /** Kafka's time-based deletion (the broker's {@code log.retention} default). */
    TIME,
    /** Log compaction: the latest record per key is kept, as for a table such as the case states. */
    COMPACTED,
    /** Kept forever: the audit trail must not age out. */
    FOREVER
  }

  static final String DEAD_LETTER_SUFFIX = "-dlq";

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(partitions, "partitions");
    writers = Set.copyOf(writers);
    readers = Set.copyOf(readers);
    if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("Topic name must be kebab-case: " + name);
    }
  }

  /**
   * An event topic: string keys, Avro values, as many partitions as the platform gives, nobody allowed yet ({@link
   * #writtenBy}, {@link #readBy}).
   */
  static <V extends SpecificRecord> Topic<String, V> events(String name, Class<V> valueType, Retention retention) {
    return new Topic<>(name, String.class, valueType, retention, OptionalInt.empty(), Set.of(), Set.of());
  }

  /** The same topic with a fixed number of partitions. */
  Topic<K, V> withPartitions(int count) {
    return new Topic<>(name, keyType, valueType, retention, OptionalInt.of(count), writers, readers);
  }

  /** The same topic, written by {@code principals} (and by nobody else). */
  Topic<K, V> writtenBy(KafkaPrincipal... principals) {
    return new Topic<>(name, keyType, valueType, retention, partitions, Set.of(principals), readers);
  }

  /** The same topic, read by {@code principals} (and by nobody else). */
  Topic<K, V> readBy(KafkaPrincipal... principals) {
    return new Topic<>(name, keyType, valueType, retention, partitions, writers, Set.of(principals));
  }

  /** The dead-letter topic that receives this topic's poison records: the original key and value bytes. */
  public Topic<byte[], byte[]> deadLetter() {
    if (isDeadLetter()) {
      throw new IllegalStateException(name + " is already a dead-letter topic");
    }
    return new Topic<>(name + DEAD_LETTER_SUFFIX, byte[].class, byte[].class, Retention.TIME, partitions, readers,
        Set.of());
  }

  public boolean isDeadLetter() {
    return name.endsWith(DEAD_LETTER_SUFFIX);
  }

  /** Whether {@code principal} may write this topic. */
  public boolean writableBy(KafkaPrincipal principal) {
    return writers.contains(principal);
  }

  /** Whether {@code principal} may read this topic. */
  public boolean readableBy(KafkaPrincipal principal) {
    return readers.contains(principal);
  }

  /** The Avro schema of the values, for topics of Avro records. */
  public Optional<Schema> valueSchema() {
    return SpecificRecord.class.isAssignableFrom(valueType)
        ? Optional.of(SpecificData.get().getSchema(valueType)) : Optional.empty();
  }

  /** The registry subject of the value schema (the topic-name strategy every serde here uses). */
  public String valueSubject() {
    return name + "-value";
  }

  /** The topic-level broker configuration that gives this topic its retention. */
  public Map<String, String> brokerConfig() {
    return switch (retention) {
      case TIME -> Map.of();
      case COMPACTED -> Map.of("cleanup.policy", "compact");
      case FOREVER -> Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1");
    };
  }
}
