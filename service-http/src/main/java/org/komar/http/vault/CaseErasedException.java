package org.komar.http.vault;

/** The vault refused: the case was erased, and nothing more is recorded about it. */
public final class CaseErasedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CaseErasedException() {
    super("This case was erased");
  }
}
