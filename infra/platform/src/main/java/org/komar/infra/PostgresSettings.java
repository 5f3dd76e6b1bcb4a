package org.komar.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How to run the local PostgreSQL.
 *
 * @param home folder for the cluster ({@code data/}), its socket and its log; run as root, where the
 *     {@code postgres} user cannot reach it, it becomes a link to a folder that user can reach
 *     ({@code ClusterFolder})
 * @param durable false for tests: no fsync, which is safe only for data that is thrown away
 * @param binaries the installed server's {@code bin} folder, or empty to use the embedded server
 */
public record PostgresSettings(Path home, int port, String username, String password, boolean durable,
    Optional<Path> binaries) {

  /** Environment variable naming the PostgreSQL {@code bin} folder to use, or {@code embedded}. */
  public static final String BIN_SETTING = "KOMAR_PG_BIN";

  private static final Path INSTALLED = Path.of("/usr/lib/postgresql");

  public PostgresSettings {
    if (!username.matches("[a-z][a-z0-9_]*")) {
      throw new InfraException("The PostgreSQL user name must be a plain lower-case identifier: " + username);
    }
  }

  /** The installed PostgreSQL's binaries: {@code KOMAR_PG_BIN}, else the newest under /usr/lib/postgresql. */
  public static Optional<Path> installedBinaries() {
    String configured = System.getenv(BIN_SETTING);
    if (configured != null && !configured.isBlank()) {
      if (configured.equals("embedded")) {
        return Optional.empty();
      }
      Path bin = Path.of(configured);
      if (!Files.isExecutable(bin.resolve("postgres"))) {
        throw new InfraException(BIN_SETTING + "=" + configured + " holds no postgres executable");
      }
      return Optional.of(bin);
    }
    if (!Files.isDirectory(INSTALLED)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(INSTALLED)) {
      return versions
          .filter(version -> version.getFileName().toString().matches("\\d+"))
          .filter(version -> Integer.parseInt(version.getFileName().toString()) >= 15)
          .map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb")))
          .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString())));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    // The generated form would print the password.
    return "PostgresSettings[home=" + home + ", port=" + port + ", username=" + username + ", durable=" + durable
        + ", binaries=" + binaries + "]";
  }

  /** Starts the server these settings describe. */
  public PostgresServer start() {
    return binaries.<PostgresServer>map(bin -> InstalledPostgres.start(this, bin))
        .orElseGet(() -> EmbeddedPostgresServer.start(this));
  }
}
