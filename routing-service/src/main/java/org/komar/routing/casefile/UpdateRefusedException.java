package org.komar.routing.casefile;

/**
 * An agency's update the case does not allow: the referral is not the case's, is with another unit, or is in a
 * state the update cannot follow. Thrown before anything is decided. The message names ids and states only,
 * never content.
 */
public final class UpdateRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UpdateRefusedException(String message) {
    super(message);
  }
}
