package org.komar.infra;

/** A piece of the local infrastructure could not be started, reached or stopped; the message says why. */
public class InfraException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InfraException(String message) {
    super(message);
  }

  public InfraException(String message, Throwable cause) {
    super(message, cause);
  }
}
