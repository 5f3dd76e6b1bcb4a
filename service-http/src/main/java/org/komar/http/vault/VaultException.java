package org.komar.http.vault;

import org.komar.http.TemporarilyUnavailableException;

/** The vault did not seal: nothing was recorded. The message names no content. */
public final class VaultException extends TemporarilyUnavailableException {

  private static final long serialVersionUID = 1L;

  public VaultException(String message) {
    super(message, null);
  }
}
