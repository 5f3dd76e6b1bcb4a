package org.komar.http.vault;

import org.komar.http.SafeToShow;

/**
 * The vault refused: the case was erased, and nothing more is recorded about it. Answered 410
 * ({@code CaseErasedHandler}).
 */
public final class CaseErasedException extends RuntimeException implements SafeToShow {

  private static final long serialVersionUID = 1L;

  public CaseErasedException() {
    super("This case was erased");
  }
}
