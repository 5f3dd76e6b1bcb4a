package org.komar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.komar.infra.test.KomarStackExtension;
import org.komar.infra.test.TestStack;

@ExtendWith(KomarStackExtension.class)
class PostgresServerTest {

  @Test
  void shouldGiveEachServiceItsOwnDatabaseThatKeepsKhmerTextExactly(TestStack stack) throws SQLException {
    String khmer = "កុមារ សៀមរាប ១៣ ឆ្នាំ";
    for (String database : TestStack.DATABASES) {
      PostgresServer postgres = stack.postgres();
      try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
          postgres.password()); PreparedStatement echo = connection.prepareStatement("SELECT ?::text, current_database()")) {
        echo.setString(1, khmer);
        try (ResultSet row = echo.executeQuery()) {
          assertThat(row.next()).isTrue();
          assertThat(row.getString(1)).isEqualTo(khmer);
          assertThat(row.getString(2)).isEqualTo(database);
        }
      }
    }
  }

  @Test
  void shouldRefuseAWrongPasswordOverTcp(TestStack stack) {
    PostgresServer postgres = stack.postgres();
    // The embedded fallback trusts local TCP; the installed server, which CI uses, must not.
    org.junit.jupiter.api.Assumptions.assumeTrue(PostgresSettings.installedBinaries().isPresent());

    assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("intake"), postgres.username(), "wrong"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
  }

  @Test
  void shouldKeepItsDataAcrossARestart() throws Exception {
    Path home = Files.createTempDirectory("komar-test-postgres-restart-");
    try {
      PostgresSettings settings = new PostgresSettings(home, Ports.free(), "komar", "secret", true,
          PostgresSettings.installedBinaries());
      try (PostgresServer first = settings.start();
          Connection connection = DriverManager.getConnection(first.jdbcUrl("postgres"), "komar", "secret")) {
        connection.createStatement().execute("CREATE TABLE kept (note text)");
        connection.createStatement().execute("INSERT INTO kept VALUES ('ស្ថិតស្ថេរ')");
      }
      try (PostgresServer second = settings.start();
          Connection connection = DriverManager.getConnection(second.jdbcUrl("postgres"), "komar", "secret");
          ResultSet rows = connection.createStatement().executeQuery("SELECT note FROM kept")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("ស្ថិតស្ថេរ");
      }
    } finally {
      org.komar.infra.Folders.deleteWhatCan(home);
    }
  }

  @Test
  void shouldRunTheEmbeddedServerWhereNoneIsInstalled() throws Exception {
    Path home = Files.createTempDirectory("komar-test-postgres-embedded-");
    try (PostgresServer postgres = new PostgresSettings(home, Ports.free(), "komar", "secret", false,
        Optional.empty()).start()) {
      postgres.createDatabase("intake");
      try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("intake"), "komar", "secret")) {
        assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
      }
    } finally {
      org.komar.infra.Folders.deleteWhatCan(home);
    }
  }
}
