package org.komar.http.vault;

/** The vault refused to open a value: it was not sealed for the audience asked, so it never opens that way. */
public final class AccessRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public AccessRefusedException() {
    super("This value is not sealed for that audience");
  }
}
