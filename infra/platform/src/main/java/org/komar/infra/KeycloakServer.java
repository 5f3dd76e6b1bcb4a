package org.komar.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keycloak, the identity provider, in its own JVM from its unpacked distribution, keeping its realms in
 * PostgreSQL. Its server image is built once per distribution ({@code kc.sh build}, for PostgreSQL, with health
 * checks) and every start is {@code start --optimized}, which skips Quarkus' re-augmentation. It listens on
 * 127.0.0.1 over HTTP, which Keycloak allows for requests from the machine itself; its issuer is fixed by
 * {@code --hostname}, so that every token names the same {@code iss} whoever asked for it.
 */
public final class KeycloakServer implements AutoCloseable {

  /** Keycloak's database on the platform's PostgreSQL. */
  public static final String DATABASE = "keycloak";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  /** What the image is built with; a change here rebuilds it on the next start. */
  static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true",
      "--features-disabled=impersonation,kerberos,device-flow,ciba,par,step-up-authentication,client-policies");
  private static final String BUILT_MARKER = "komar-build-options";
  /** What kc.sh would set besides heap, collector and compiler, kept when the caller sets those. */
  private static final List<String> KC_OPTIONS = List.of("-XX:MetaspaceSize=96M", "-XX:MaxMetaspaceSize=256m",
      "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.err.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
      "-Dstderr.encoding=UTF-8", "-XX:+ExitOnOutOfMemoryError", "-Djava.security.egd=file:/dev/urandom",
      "-Djdk.tls.rejectClientInitiatedRenegotiation=true");

  private final ManagedProcess process;
  private final String url;

  private KeycloakServer(ManagedProcess process, String url) {
    this.process = process;
    this.url = url;
  }

  /**
   * Starts Keycloak, building its server image first if this distribution has not been built with
   * {@link #BUILD_OPTIONS} yet.
   *
   * @param home the unpacked distribution, holding {@code bin/kc.sh}
   * @param storage the PostgreSQL database it keeps its realms in
   * @param admin the bootstrap administrator of the master realm, created on the database's first start only
   * @param workDir Keycloak's own folder, for its temporary files
   * @param jvmOptions the JVM's heap, collector and compiler options, in place of {@code kc.sh}'s own
   */
  public static KeycloakServer start(Path home, int port, int managementPort, DatabaseLogin storage,
      KeycloakAdmin.Credentials admin, Path workDir, Path logFile, List<String> jvmOptions) {
    Path script = home.resolve("bin").resolve("kc.sh");
    if (!Files.isRegularFile(script)) {
      throw new InfraException("Keycloak is missing at " + home
          + ": build the project first (mvn -DskipTests package), or set KOMAR_KEYCLOAK_HOME.");
    }
    Path temp = workDir.toAbsolutePath().resolve("tmp");
    try {
      Files.createDirectories(temp);
    } catch (IOException e) {
      throw new InfraException("Could not create Keycloak's folder " + temp + ": " + e.getMessage(), e);
    }
    build(home, logFile.resolveSibling(logFile.getFileName() + ".build"));
    String address = "http://" + Ports.LOOPBACK + ":" + port;
    // kc.sh hands -D arguments to the JVM; on the command line, the temp folder also tells the platform's
    // ledger of children that this process (the script and its JVM) is one of its own.
    List<String> command = new ArrayList<>(List.of(script.toString(), "-Djava.io.tmpdir=" + temp, "start",
        "--optimized",
        "--http-enabled=true", "--http-host=" + Ports.LOOPBACK, "--http-port=" + port,
        "--http-management-port=" + managementPort, "--hostname=" + address,
        "--db-url=" + storage.jdbcUrl(), "--db-username=" + storage.username(),
        // A local platform needs a few connections, not Keycloak's default of 100.
        "--db-pool-initial-size=1", "--db-pool-min-size=1", "--db-pool-max-size=10",
        // One node: no cluster discovery.
        "--cache=local"));
    // Passwords travel in the environment, never on the command line where `ps` would show them.
    Map<String, String> environment = Map.of(
        "JAVA_HOME", Java.home(),
        // kc.sh's own options (G1, C2) suit a busy server; the caller chooses. What kc.sh sets besides is kept.
        "JAVA_OPTS", String.join(" ", KC_OPTIONS) + " " + String.join(" ", jvmOptions),
        "KC_DB_PASSWORD", storage.password(),
        "KC_BOOTSTRAP_ADMIN_USERNAME", admin.username(),
        "KC_BOOTSTRAP_ADMIN_PASSWORD", admin.password());
    ManagedProcess process = ManagedProcess.start("Keycloak", command, environment, home, logFile);
    process.awaitHttpReady(URI.create("http://" + Ports.LOOPBACK + ":" + managementPort + "/health/ready"),
        READY_TIMEOUT);
    return new KeycloakServer(process, address);
  }

  /**
   * Builds the server image unless this distribution was last built with the same options. One build at a time:
   * processes that start Keycloak together wait for each other's build (the file lock), and so do threads of one
   * process (this method's monitor: a file lock is held by the whole process, and a second thread asking for it
   * gets {@code OverlappingFileLockException}, not a wait).
   */
  static synchronized void build(Path home, Path log) {
    Path marker = home.resolve("lib").resolve(BUILT_MARKER);
    String options = String.join(" ", BUILD_OPTIONS);
    try (FileChannel lockFile = FileChannel.open(home.resolve("lib").resolve(BUILT_MARKER + ".lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(options)) {
        return;
      }
      List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("kc.sh").toString(), "build"));
      command.addAll(BUILD_OPTIONS);
      // A one-off: C1 alone finishes it with less CPU.
      ManagedProcess.run("Keycloak build", command, Map.of("JAVA_HOME", Java.home(), "JAVA_OPTS",
          String.join(" ", KC_OPTIONS) + " -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"), home, log,
          BUILD_TIMEOUT);
      Files.writeString(marker, options, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InfraException("Could not build Keycloak's server image in " + home + ": " + e.getMessage(), e);
    }
  }

  /** Where Keycloak answers, such as {@code http://127.0.0.1:8180}. */
  public String url() {
    return url;
  }

  /** The issuer of a realm's tokens: their {@code iss}. */
  public String issuer(String realm) {
    return url + "/realms/" + realm;
  }

  public ManagedProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(30));
  }
}
