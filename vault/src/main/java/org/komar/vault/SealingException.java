package org.komar.vault;

/** A value could not be sealed or opened. The message never contains the value. */
public class SealingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SealingException(String message) {
    super(message);
  }

  public SealingException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The caller's audience is not in the sealed value's audience list. */
  public static final class AccessRefused extends SealingException {

    private static final long serialVersionUID = 1L;

    AccessRefused(String message) {
      super(message);
    }
  }

  /** The case was crypto-shredded: its data key is gone, and so is every way to open its values. */
  public static final class CaseErased extends SealingException {

    private static final long serialVersionUID = 1L;

    CaseErased(String message) {
      super(message);
    }
  }

  /**
   * The value does not open in the place it was found: moved from another case or field, its audience list
   * widened, or its bytes altered.
   */
  public static final class NotAuthentic extends SealingException {

    private static final long serialVersionUID = 1L;

    NotAuthentic(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
