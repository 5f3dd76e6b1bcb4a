package org.komar.infra;

/** How a process of the platform reaches its database: the JDBC URL and the login that owns it. */
public record DatabaseLogin(String jdbcUrl, String username, String password) {

  @Override
  public String toString() {
    // The generated form would print the password.
    return "DatabaseLogin[" + jdbcUrl + " as " + username + "]";
  }
}
