package org.komar.infra.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;

/**
 * Registers the value schema of every topic of the catalogue explicitly, at deploy time, each subject with the
 * compatibility rule {@code BACKWARD_TRANSITIVE}: a new version must read every event ever written, since
 * Komar's topics are replayed to rebuild state and audit trails are kept forever.
 */
public final class SchemaRegistration {

  public static final SchemaRegistryClient.Compatibility RULE = SchemaRegistryClient.Compatibility.BACKWARD_TRANSITIVE;

  private SchemaRegistration() {
  }

  /** Registers every event topic's value schema; returns the registry's id of each subject's schema. */
  public static Map<String, Integer> registerAll(SchemaRegistryClient registry) {
    return register(registry, Topics.events());
  }

  public static Map<String, Integer> register(SchemaRegistryClient registry, List<? extends Topic<?, ?>> topics) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (Topic<?, ?> topic : topics) {
      Schema schema = topic.valueSchema().orElseThrow(
          () -> new IllegalArgumentException(topic.name() + " has no Avro value schema to register"));
      int id = registry.register(topic.valueSubject(), schema);
      registry.setCompatibility(topic.valueSubject(), RULE);
      ids.put(topic.valueSubject(), id);
    }
    return ids;
  }
}
