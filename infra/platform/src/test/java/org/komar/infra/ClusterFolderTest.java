package org.komar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.komar.infra.Folders;

/** The installed PostgreSQL, run as root, asked for a cluster in a folder that the user postgres cannot enter. */
class ClusterFolderTest {

  private Path closed;

  @BeforeEach
  void createClosedFolder() throws Exception {
    // Only root runs PostgreSQL as another user; anyone else owns the cluster and has nothing to work around.
    assumeTrue(new UnixSystem().getUid() == 0 && PostgresSettings.installedBinaries().isPresent(),
        "needs root and an installed PostgreSQL");
    // Like root's home folder, or a mktemp -d folder: mode 700, owned by root.
    closed = Files.createTempDirectory("komar-test-closed-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  @AfterEach
  void deleteClosedFolder() throws Exception {
    if (closed == null) {
      return;
    }
    Path link = closed.resolve("postgres");
    if (Files.isSymbolicLink(link)) {
      Folders.deleteWhatCan(link.toRealPath());
    }
    Folders.deleteWhatCan(closed);
  }

  private PostgresSettings settings(String password) {
    return new PostgresSettings(closed.resolve("postgres"), Ports.free(), "komar", password, false,
        PostgresSettings.installedBinaries());
  }

  private static Connection connect(PostgresServer server, String password) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl("postgres"), "komar", password);
  }

  @Test
  void shouldFindItsMovedClusterAgainAfterARestart() throws Exception {
    try (PostgresServer first = settings("secret").start(); Connection connection = connect(first, "secret")) {
      connection.createStatement().execute("CREATE TABLE kept (note text)");
      connection.createStatement().execute("INSERT INTO kept VALUES ('ស្ថិតស្ថេរ')");
    }

    try (PostgresServer second = settings("secret").start(); Connection connection = connect(second, "secret");
        ResultSet rows = connection.createStatement().executeQuery("SELECT note FROM kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("ស្ថិតស្ថេរ");
    }
    assertThat(closed.resolve("postgres")).isSymbolicLink();
  }

  @Test
  void shouldStartAnEmptyClusterWhenTheDataFolderWasDeletedWithoutReset() throws Exception {
    Path cluster;
    try (PostgresServer first = settings("first").start(); Connection connection = connect(first, "first")) {
      connection.createStatement().execute("CREATE TABLE forgotten (note text)");
      cluster = closed.resolve("postgres").toRealPath();
    }
    // rm -rf of the data folder takes the link; the cluster, with the old password, stays behind.
    Files.delete(closed.resolve("postgres"));

    try (PostgresServer second = settings("second").start(); Connection connection = connect(second, "second");
        ResultSet tables = connection.createStatement().executeQuery(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'forgotten'")) {
      assertThat(tables.next()).isTrue();
      assertThat(tables.getInt(1)).isZero();
    }
    assertThat(closed.resolve("postgres").toRealPath()).isEqualTo(cluster);
  }
}
