package org.komar.routing;

import io.micronaut.runtime.Micronaut;

/** Kafka Streams that route every case to the right agencies and keep their views in sync. */
public final class RoutingApplication {

  private RoutingApplication() {
  }

  public static void main(String[] args) {
    Micronaut.run(RoutingApplication.class, args);
  }
}
