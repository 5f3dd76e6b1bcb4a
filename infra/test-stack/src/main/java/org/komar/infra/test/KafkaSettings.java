package org.komar.infra.test;

import java.util.HashMap;
import java.util.Map;

/** Kafka client settings of a test: a cluster's login and connection, plus the test's own client settings. */
public final class KafkaSettings {

  private KafkaSettings() {
  }

  /** {@code base} (a login's settings) with {@code keysAndValues} added: a new mutable map. */
  public static Map<String, Object> plus(Map<String, Object> base, Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("Settings come in pairs of key and value");
    }
    Map<String, Object> settings = new HashMap<>(base);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      settings.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return settings;
  }
}
