package org.komar.routing.runtime;

import org.komar.http.TemporarilyUnavailableException;

/** The router's stores cannot be read now (starting, or partitions moving between instances): try again soon. */
public final class StoresUnavailableException extends TemporarilyUnavailableException {

  private static final long serialVersionUID = 1L;

  public StoresUnavailableException() {
    super("The routing service is starting or rebalancing; try again in a few seconds", null);
  }
}
