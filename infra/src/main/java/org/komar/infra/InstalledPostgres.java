package org.komar.infra;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL from the machine's own binaries, run as a child process in the foreground.
 *
 * <p>{@code initdb} refuses to run as root, so as root every command runs as the {@code postgres} user through
 * {@code runuser}; the cluster's folder is then owned by that user and its parents must be reachable by it.
 * Connections over TCP need the password (SCRAM); only the Unix socket in the cluster's own folder is trusted.
 */
final class InstalledPostgres implements PostgresServer {

  private static final String SERVICE_USER = "postgres";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final PostgresSettings settings;
  private final Path bin;
  private final ManagedProcess process;

  private InstalledPostgres(PostgresSettings settings, Path bin, ManagedProcess process) {
    this.settings = settings;
    this.bin = bin;
    this.process = process;
  }

  static InstalledPostgres start(PostgresSettings settings, Path bin) {
    Path home = settings.home().toAbsolutePath();
    Path data = home.resolve("data");
    Path log = home.resolve("postgres.log");
    try {
      Files.createDirectories(home);
      if (asRoot()) {
        handOver(home);
      }
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
      InstalledPostgres server = new InstalledPostgres(settings, bin, process);
      try {
        process.awaitReady(READY_TIMEOUT, server::answers);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new InfraException("Could not prepare PostgreSQL's folder " + home + ": " + e.getMessage(), e);
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

  /** Gives the folder (or file) to the postgres user, after checking that user can reach it at all. */
  private static void handOver(Path path) throws IOException {
    UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVICE_USER);
    Files.setOwner(path, owner);
    if (Files.isDirectory(path)) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
      for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
        var permissions = Files.getPosixFilePermissions(parent);
        boolean othersMayEnter = permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
        if (!othersMayEnter && !Files.getOwner(parent).equals(owner)) {
          throw new InfraException("PostgreSQL runs as the user '" + SERVICE_USER + "', which cannot enter " + parent
              + " to reach " + path + ". Put the data folder somewhere it can reach (set KOMAR_DATA_DIR, for example"
              + " to /var/tmp/komar).");
        }
      }
    }
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
    return "PostgreSQL in " + settings.home();
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    // "fast": roll back open transactions and shut down cleanly, without waiting for clients to leave.
    try {
      ManagedProcess.run("PostgreSQL stop", command(bin.resolve("pg_ctl").toString(), "stop", "-D",
          settings.home().toAbsolutePath().resolve("data").toString(), "-m", "fast", "-w", "-t", "30"),
          settings.home(), settings.home().resolve("postgres.log"), Duration.ofSeconds(40));
    } finally {
      process.stop(Duration.ofSeconds(10));
    }
  }
}
