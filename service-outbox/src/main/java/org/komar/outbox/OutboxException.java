package org.komar.outbox;

/** The outbox could not queue or publish an event; the message names the event, never its content. */
public final class OutboxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public OutboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
