package org.komar.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A PostgreSQL server of the platform: the installed binaries when present, else an embedded one. Each
 * service gets a database of its own on it.
 */
public interface PostgresServer extends AutoCloseable {

  String host();

  int port();

  String username();

  String password();

  default String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
  }

  /** How a process reaches one of its databases with the server's login. */
  default DatabaseLogin login(String database) {
    return new DatabaseLogin(jdbcUrl(database), username(), password());
  }

  /** Creates the database unless it exists. Names are the platform's own, checked to be plain identifiers. */
  default void createDatabase(String database) {
    if (!database.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("Not a plain database name: " + database);
    }
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
        PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
      }
    } catch (SQLException e) {
      throw new InfraException("Could not create database " + database + " on " + jdbcUrl("postgres") + ": "
          + e.getMessage(), e);
    }
  }

  /** True once the server accepts a connection and a query. */
  default boolean answers() throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
        Statement statement = connection.createStatement()) {
      return statement.execute("SELECT 1");
    }
  }

  /** The server's process when we run it ourselves. */
  default Optional<ManagedProcess> process() {
    return Optional.empty();
  }

  @Override
  void close();
}
