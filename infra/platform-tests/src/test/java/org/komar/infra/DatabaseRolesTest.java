package org.komar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.komar.infra.test.KomarStackExtension;
import org.komar.infra.test.TestStack;

/**
 * Each service's database is owned by a role of its own, as the platform makes them ({@link
 * PostgresServer#ownDatabase}): a service's login broken into reaches its own data and nobody else's.
 */
@ExtendWith(KomarStackExtension.class)
class DatabaseRolesTest {

  @Test
  void shouldLetEachRoleReachItsOwnDatabaseOnly(TestStack stack) throws Exception {
    PostgresServer postgres = stack.postgres();
    List<String> deviations = new ArrayList<>();
    int tries = 0;
    for (String role : TestStack.DATABASES) {
      for (String database : TestStack.DATABASES) {
        tries++;
        boolean reached = reaches(postgres, role, database);
        if (reached != role.equals(database)) {
          deviations.add(role + (reached ? " reached " : " could not reach ") + database);
        }
      }
    }
    System.out.printf("Database roles: %d roles x %d databases = %d tries, %d deviations%n",
        TestStack.DATABASES.size(), TestStack.DATABASES.size(), tries, deviations.size());

    assertThat(deviations).isEmpty();
  }

  @Test
  void shouldGiveARoleNoRightBeyondItsDatabase(TestStack stack) throws Exception {
    try (Connection vault = login(stack.postgres(), "vault", "vault"); Statement statement = vault.createStatement()) {
      for (String beyond : List.of("CREATE DATABASE stolen", "CREATE ROLE intruder LOGIN",
          "ALTER ROLE intake PASSWORD 'taken-over-password'", "ALTER DATABASE intake OWNER TO vault",
          "SELECT rolpassword FROM pg_authid")) {
        assertThatThrownBy(() -> statement.execute(beyond)).as(beyond).isInstanceOfSatisfying(SQLException.class,
            refused -> assertThat(refused.getSQLState()).isEqualTo("42501"));
      }
    }
  }

  @Test
  void shouldHandARoleTheTablesAnEarlierKomarMadeAsTheAdministrator(TestStack stack) throws Exception {
    // Given a database whose table the administrator made, as every service's was before it had a role of its own
    PostgresServer postgres = stack.postgres();
    String database = "handover_" + UUID.randomUUID().toString().substring(0, 8);
    postgres.createDatabase(database);
    try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
        postgres.password()); Statement statement = admin.createStatement()) {
      statement.execute("CREATE TABLE outbox (id bigserial PRIMARY KEY, payload text)");
    }

    // When it is given to its own role
    postgres.ownDatabase(database, TestStack.databasePassword(database));

    // Then that role uses the table and its sequence, and no service's role may even connect
    try (Connection own = login(postgres, database, database); Statement statement = own.createStatement()) {
      statement.execute("INSERT INTO outbox (payload) VALUES ('kept')");
      statement.execute("ALTER TABLE outbox ADD COLUMN sent_at timestamptz");
    }
    assertThat(reaches(postgres, "notification", database)).isFalse();
  }

  private static boolean reaches(PostgresServer postgres, String role, String database) throws SQLException {
    try (Connection connection = login(postgres, role, database); Statement statement = connection.createStatement()) {
      return statement.execute("SELECT 1");
    } catch (SQLException refused) {
      if ("42501".equals(refused.getSQLState())) {
        return false;
      }
      throw refused;
    }
  }

  private static Connection login(PostgresServer postgres, String role, String database) throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(database), role, TestStack.databasePassword(role));
  }
}
