package org.komar.reporting;

import io.micronaut.runtime.Micronaut;

/** A hotline's public reporting page: children and the adults they trust report here, with no account. */
public final class ReportingApplication {

  private ReportingApplication() {
  }

  public static void main(String[] args) {
    Micronaut.run(ReportingApplication.class, args);
  }
}
