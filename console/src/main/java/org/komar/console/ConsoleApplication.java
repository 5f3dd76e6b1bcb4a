package org.komar.console;

import io.micronaut.runtime.Micronaut;

/** The web pages hotline operators, officers and counsellors work in. */
public final class ConsoleApplication {

  private ConsoleApplication() {
  }

  public static void main(String[] args) {
    Micronaut.run(ConsoleApplication.class, args);
  }
}
