package org.komar.http;

/**
 * Something this service needs cannot be used for a moment (its stores while partitions move, Kafka, the vault):
 * nothing was recorded, and the caller may try again shortly. Messages name no content.
 */
public class TemporarilyUnavailableException extends RuntimeException implements SafeToShow {

  private static final long serialVersionUID = 1L;

  public TemporarilyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
