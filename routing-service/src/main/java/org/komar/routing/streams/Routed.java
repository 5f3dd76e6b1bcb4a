package org.komar.routing.streams;

import org.apache.avro.specific.SpecificRecord;
import org.komar.schemas.Topic;

/** What the case router emits: an event for one of Komar's topics, or a fact for the NAP indicators. */
sealed interface Routed permits Routed.Event, Routed.Fact {

  /** An event for a topic of the catalogue; typed at creation, so a topic only ever gets its own events. */
  record Event(String topic, SpecificRecord value) implements Routed {
  }

  /**
   * One observation for a National Action Plan indicator, by province and (where it applies) category.
   *
   * @param sample 1 for a count; 0 or 1 for a share; minutes for a duration
   */
  record Fact(org.komar.events.Indicator indicator, org.komar.events.Province province,
      org.komar.events.IncidentCategory category, long sample) implements Routed {
  }

  static <V extends SpecificRecord> Routed to(Topic<String, V> topic, V value) {
    return new Event(topic.name(), value);
  }
}
