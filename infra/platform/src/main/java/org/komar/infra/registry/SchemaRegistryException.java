package org.komar.infra.registry;

/** The registry refused or could not answer a request; the message carries the registry's own reason. */
public final class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  SchemaRegistryException(String action, int status, String reason, Throwable cause) {
    super("Schema registry could not " + action + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + reason,
        cause);
    this.status = status;
  }

  /** The HTTP status the registry answered with (409: incompatible or invalid schema), or 0 if none. */
  public int status() {
    return status;
  }
}
