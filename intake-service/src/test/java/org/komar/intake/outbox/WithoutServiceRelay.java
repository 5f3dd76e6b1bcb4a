package org.komar.intake.outbox;

import java.util.HashMap;
import java.util.Map;
import org.komar.intake.OnTestStack;

/** A test that runs relays of its own, with the service's relay off so that the two do not share the work. */
abstract class WithoutServiceRelay extends OnTestStack {

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("komar.outbox.relay.enabled", "false");
    return properties;
  }
}
