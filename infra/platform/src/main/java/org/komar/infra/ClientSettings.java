package org.komar.infra;

import java.util.HashMap;
import java.util.Map;

/** Kafka client settings: a login's settings (a cluster's {@code clientSettings}) plus a client's own. */
public final class ClientSettings {

  private ClientSettings() {
  }

  /** {@code base} with {@code keysAndValues} added: a new mutable map. */
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
