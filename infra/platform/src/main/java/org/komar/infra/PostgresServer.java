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

  /**
   * The database {@code name} owned by a role of the same name, which logs in with {@code password} and reaches no
   * other database: the role is made (or its password set again, which is how it is rotated) without any right
   * beyond its login, the database is made or handed to it with everything in it, and nobody else may connect to it.
   * The server's own login (the administrator) keeps its rights, for provisioning. Safe to run again.
   */
  default DatabaseLogin ownDatabase(String name, String password) {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("Not a plain database name: " + name);
    }
    createDatabase(name);
    try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
        Statement statement = admin.createStatement()) {
      boolean exists;
      try (PreparedStatement role = admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
        role.setString(1, name);
        try (ResultSet rows = role.executeQuery()) {
          exists = rows.next();
        }
      }
      // Neither the name (checked above) nor the password (quoted as a literal) can leave their places.
      String literal = "'" + password.replace("'", "''") + "'";
      statement.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + name + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
          + " NOREPLICATION NOBYPASSRLS PASSWORD " + literal);
      statement.execute("ALTER DATABASE " + name + " OWNER TO " + name);
      statement.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
      statement.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + name);
    } catch (SQLException e) {
      throw new InfraException("Could not give database " + name + " a role of its own on " + jdbcUrl("postgres")
          + ": " + e.getMessage(), e);
    }
    handOver(name);
    return new DatabaseLogin(jdbcUrl(name), name, password);
  }

  /**
   * Gives the role {@code name} what its database holds that another role made (tables an earlier Komar created as
   * the administrator), so that its migrations and queries work on them.
   */
  private void handOver(String name) {
    try (Connection database = DriverManager.getConnection(jdbcUrl(name), username(), password());
        Statement statement = database.createStatement()) {
      statement.execute("ALTER SCHEMA public OWNER TO " + name);
      // The new owner reaches the block through a setting of this session: a DO block takes no parameters.
      statement.execute("SET komar.owner = '" + name + "'");
      statement.execute("""
          DO $$
          DECLARE item record;
          BEGIN
            FOR item IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                  AND pg_get_userbyid(c.relowner) <> current_setting('komar.owner')
                  -- a serial's or identity's sequence follows its table
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                      AND d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
              EXECUTE format('ALTER %s public.%I OWNER TO %I',
                  CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                      ELSE 'TABLE' END, item.relname, current_setting('komar.owner'));
            END LOOP;
            FOR item IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> current_setting('komar.owner') LOOP
              EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.signature, current_setting('komar.owner'));
            END LOOP;
          END $$""");
    } catch (SQLException e) {
      throw new InfraException("Could not hand database " + name + "'s tables to its role: " + e.getMessage(), e);
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
