package org.komar.infra;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL from the machine's own binaries, run as a child process in the foreground.
 *
 * <p>{@code initdb} refuses to run as root, so as root every command runs as the {@code postgres} user through
 * {@code runuser}; the cluster's folder is then owned by that user, and kept elsewhere when that user cannot
 * reach the requested one ({@link ClusterFolder}). Connections over TCP need the password (SCRAM); only the Unix
 * socket in the cluster's own folder is trusted.
 */
final class InstalledPostgres implements PostgresServer {

  private static final String SERVICE_USER = "postgres";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final PostgresSettings settings;
  private final Path bin;
  private final Path home;
  private final ManagedProcess process;

  private InstalledPostgres(PostgresSettings settings, Path bin, Path home, ManagedProcess process) {
    this.settings = settings;
    this.bin = bin;
    this.home = home;
    this.process = process;
  }

  static InstalledPostgres start(PostgresSettings settings, Path bin) {
    Path requested = settings.home().toAbsolutePath();
    try {
      Path home = asRoot() ? ClusterFolder.prepare(SERVICE_USER, requested) : Files.createDirectories(requested);
      Path data = home.resolve("data");
      Path log = home.resolve("postgres.log");
      if (!Files.exists(data.resolve("PG_VERSION"))) {
        initdb(settings, bin, home, data, log);
      } else {
        stopLeftover(bin, home, data, log);
      }
      List<String> command = command(bin.resolve("postgres").toString(), "-D", data.toString(),
          "-p", Integer.toString(settings.port()),
          "-k", home.toString(),
          "-c", "listen_addresses=" + Ports.LOOPBACK,
          "-c", "fsync=" + (settings.durable() ? "on" : "off"),
          "-c", "full_page_writes=" + (settings.durable() ? "on" : "off"),
          "-c", "max_connections=200");
      ManagedProcess process = ManagedProcess.start("PostgreSQL", command, Map.of(), home, log);
      InstalledPostgres server = new InstalledPostgres(settings, bin, home, process);
      try {
        process.awaitReady(READY_TIMEOUT, server::answers);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new InfraException("Could not prepare PostgreSQL's folder " + requested + ": " + e.getMessage(), e);
    }
  }

  /** A server left running on this folder by a run that was killed outright would refuse us the folder. */
  private static void stopLeftover(Path bin, Path home, Path data, Path log) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    boolean alive = !lines.isEmpty() && lines.getFirst().trim().matches("\\d+")
        && ProcessHandle.of(Long.parseLong(lines.getFirst().trim())).map(ProcessHandle::isAlive).orElse(false);
    if (alive) {
      ManagedProcess.run("PostgreSQL stop (left running by an earlier run)", command(bin.resolve("pg_ctl").toString(),
          "stop", "-D", data.toString(), "-m", "fast", "-w", "-t", "30"), home, log, Duration.ofSeconds(40));
    }
  }

  private static void initdb(PostgresSettings settings, Path bin, Path home, Path data, Path log)
      throws IOException {
    Files.deleteIfExists(home.resolve("initdb.pw"));
    Path passwordFile = Files.createFile(home.resolve("initdb.pw"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(passwordFile, settings.password());
    if (asRoot()) {
      handOver(passwordFile);
    }
    try {
      List<String> command = command(bin.resolve("initdb").toString(), "-D", data.toString(),
          "--username=" + settings.username(), "--pwfile=" + passwordFile,
          "--auth-host=scram-sha-256", "--auth-local=trust", "--encoding=UTF8", "--locale=C.UTF-8");
      if (!settings.durable()) {
        command.add("--no-sync");
      }
      ManagedProcess.run("PostgreSQL initdb", command, home, log, Duration.ofSeconds(120));
    } finally {
      Files.deleteIfExists(passwordFile);
    }
  }

  /** The command, run as the postgres user when we are root. */
  private static List<String> command(String... command) {
    List<String> full = new ArrayList<>();
    if (asRoot()) {
      full.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
    }
    full.addAll(List.of(command));
    return full;
  }

  private static boolean asRoot() {
    return new UnixSystem().getUid() == 0;
  }

  /** Gives the file to the postgres user; its folder is handed over by {@link ClusterFolder}. */
  private static void handOver(Path file) throws IOException {
    Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVICE_USER));
  }

  @Override
  public String host() {
    return Ports.LOOPBACK;
  }

  @Override
  public int port() {
    return settings.port();
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
  public Optional<ManagedProcess> process() {
    return Optional.of(process);
  }

  @Override
  public String toString() {
    return "PostgreSQL in " + home;
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    // "fast": roll back open transactions and shut down cleanly, without waiting for clients to leave.
    try {
      ManagedProcess.run("PostgreSQL stop", command(bin.resolve("pg_ctl").toString(), "stop", "-D",
          home.resolve("data").toString(), "-m", "fast", "-w", "-t", "30"), home, home.resolve("postgres.log"),
          Duration.ofSeconds(40));
    } finally {
      process.stop(Duration.ofSeconds(10));
    }
  }
}
