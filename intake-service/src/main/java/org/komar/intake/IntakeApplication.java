package org.komar.intake;

import io.micronaut.runtime.Micronaut;

/** Hotlines create intake events; stored in PostgreSQL and published through a transactional outbox. */
public final class IntakeApplication {

  private IntakeApplication() {
  }

  public static void main(String[] args) {
    Micronaut.run(IntakeApplication.class, args);
  }
}
