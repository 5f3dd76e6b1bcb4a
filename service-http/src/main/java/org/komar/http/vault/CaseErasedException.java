package org.komar.http.vault;

import org.komar.http.SafeToShow;

/**
 * The vault refused: the case was erased, and nothing more is recorded about it. Answered 410
 * ({@code CaseErasedHandler}), with this message as the problem's detail.
 */
public final class CaseErasedException extends RuntimeException implements SafeToShow {

  private static final long serialVersionUID = 1L;

  public CaseErasedException() {
    this("This case was erased");
  }

  /** Says more of what was erased or when; Komar's own words, naming no submitted value. */
  public CaseErasedException(String message) {
    super(message);
  }
}
