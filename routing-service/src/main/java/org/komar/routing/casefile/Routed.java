package org.komar.routing.casefile;

import org.apache.avro.specific.SpecificRecord;
import org.komar.events.IncidentCategory;
import org.komar.events.Indicator;
import org.komar.events.Province;
import org.komar.schemas.Topic;

/** What the case router emits: an event for one of Komar's topics, or a fact for the NAP indicators. */
public sealed interface Routed permits Routed.Event, Routed.Fact {

  /**
   * An event for a topic of the catalogue; typed at creation, so a topic only ever gets its own events. Keyed by the
   * case decided on, unless it names another ({@code key}): a case told of a link to it.
   */
  record Event(String topic, SpecificRecord value, String key) implements Routed {
  }

  /**
   * One observation for a National Action Plan indicator, by province and (where it applies) category.
   *
   * @param sample 1 for a count; 0 or 1 for a share; minutes for a duration
   */
  record Fact(Indicator indicator, Province province, IncidentCategory category, long sample) implements Routed {
  }

  static <V extends SpecificRecord> Routed to(Topic<String, V> topic, V value) {
    return new Event(topic.name(), value, null);
  }

  /** An event about another case, keyed by it. */
  static <V extends SpecificRecord> Routed to(Topic<String, V> topic, String key, V value) {
    return new Event(topic.name(), value, key);
  }
}
