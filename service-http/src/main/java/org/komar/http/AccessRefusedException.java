package org.komar.http;

/**
 * The caller may not see or do this, answered 403 ({@link AccessRefusedHandler}): a value that is not sealed for
 * the audience asked, a case or referral that is not theirs. The message is Komar's own and names fields, ids,
 * roles and audiences only, so the caller is shown it.
 */
public final class AccessRefusedException extends RuntimeException implements SafeToShow {

  private static final long serialVersionUID = 1L;

  public AccessRefusedException(String message) {
    super(message);
  }
}
