package org.komar.routing.agency;

import org.komar.http.SafeToShow;

/**
 * An agency's request about a case that cannot be answered as asked. Refusals of access are not among them
 * ({@code AccessRefusedException}). Messages name ids, fields and states only, so the caller is shown them.
 */
public abstract sealed class CaseRequestException extends RuntimeException implements SafeToShow {

  private static final long serialVersionUID = 1L;

  CaseRequestException(String message) {
    super(message);
  }

  /** Not a request agencies may make at all, such as a field they never open. */
  public static final class Invalid extends CaseRequestException {

    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  /** No such case or referral on this instance, or the field asked for was not recorded. */
  public static final class NotFound extends CaseRequestException {

    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  /** The referral's state does not allow it now: answered already, or not yet accepted. */
  public static final class NotNow extends CaseRequestException {

    private static final long serialVersionUID = 1L;

    NotNow(String message) {
      super(message);
    }
  }
}
