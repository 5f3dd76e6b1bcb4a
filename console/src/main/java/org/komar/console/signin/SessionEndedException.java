package org.komar.console.signin;

/** The person's session has ended (signed out, idle, too long, or ended by Keycloak): they sign in again. */
public final class SessionEndedException extends RuntimeException {

  SessionEndedException() {
    super("The session has ended", null, false, false);
  }
}
