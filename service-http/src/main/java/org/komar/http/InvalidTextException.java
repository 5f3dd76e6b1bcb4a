package org.komar.http;

/** A field holds text that is not valid Unicode; answered 400 naming the field ({@link InvalidFieldException}). */
public final class InvalidTextException extends InvalidFieldException {

  private static final long serialVersionUID = 1L;

  public InvalidTextException(String field) {
    super(field, "must be valid Unicode text without control characters");
  }
}
