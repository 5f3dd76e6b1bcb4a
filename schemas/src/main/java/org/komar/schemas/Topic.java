package org.komar.schemas;

import java.util.Map;
import java.util.Objects;

/**
 * A Kafka topic of Komar: its name and how the broker keeps its records.
 *
 * <p>Names are kebab-case plural nouns. Every topic that a service consumes has a dead-letter twin,
 * {@code <name>-dlq}, where records that cannot be processed are parked with error headers instead of
 * being dropped.
 */
public record Topic(String name, Retention retention) {

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
    Objects.requireNonNull(retention, "retention");
    if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("Topic name must be kebab-case: " + name);
    }
  }

  /** The dead-letter topic that receives this topic's poison records, byte for byte. */
  public Topic deadLetter() {
    if (isDeadLetter()) {
      throw new IllegalStateException(name + " is already a dead-letter topic");
    }
    return new Topic(name + DEAD_LETTER_SUFFIX, Retention.TIME);
  }

  public boolean isDeadLetter() {
    return name.endsWith(DEAD_LETTER_SUFFIX);
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
