package org.komar.routing.streams;

/**
 * An event the router may not act on (an update for a referral that is no longer with that unit, a transition
 * the referral's state does not allow). The message names ids and states only, never content; the record goes to
 * the dead-letter topic of its source with this message in its headers.
 */
public final class RoutingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RoutingException(String message) {
    super(message);
  }

  RoutingException(String message, Throwable cause) {
    super(message, cause);
  }
}
