package org.komar.notification;

import io.micronaut.runtime.Micronaut;

/** Tells agencies and reporters what they must know, never the child's identity. */
public final class NotificationApplication {

  private NotificationApplication() {
  }

  public static void main(String[] args) {
    Micronaut.run(NotificationApplication.class, args);
  }
}
