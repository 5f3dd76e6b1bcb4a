package org.komar.infra.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.komar.infra.DatabaseLogin;
import org.komar.infra.Folders;
import org.komar.infra.InfraException;
import org.komar.infra.InfraLayout;
import org.komar.infra.KeycloakAdmin;
import org.komar.infra.KeycloakServer;
import org.komar.infra.Ports;
import org.komar.infra.PostgresServer;
import org.komar.infra.identity.KomarRealm;
import org.komar.infra.identity.PasswordSignIn;
import org.komar.infra.platform.SampleData;

/**
 * The real Keycloak, for the tests that must sign in through it (the journey, the console's browser test): on the
 * test stack's PostgreSQL, with the local platform's realm ({@link KomarRealm#local}): the sample accounts, each
 * with a random password, and a random secret per client. The console's address is fixed before the realm is
 * made ({@link #consolePort}), because Keycloak sends a person back only to an address it knows.
 *
 * <p>It starts in the background: its address, issuer and secrets are known at once, so services can be started
 * meanwhile (they ask Keycloak for nothing until a token reaches them); whatever needs Keycloak itself (a sign-in,
 * {@link #awaitReady}) waits for it.
 */
public final class TestKeycloak implements AutoCloseable, Identity {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final CompletableFuture<KeycloakServer> server;
  private final String issuer;
  private final Path folder;
  private final Map<String, String> clientSecrets;
  private final Map<String, String> passwords;
  private final int consolePort;
  private final PasswordSignIn signIn;

  private TestKeycloak(CompletableFuture<KeycloakServer> server, String issuer, Path folder,
      Map<String, String> clientSecrets, Map<String, String> passwords, int consolePort) {
    this.server = server;
    this.issuer = issuer;
    this.folder = folder;
    this.clientSecrets = clientSecrets;
    this.passwords = passwords;
    this.consolePort = consolePort;
    this.signIn = new PasswordSignIn(issuer, this::password);
  }

  /** Starts Keycloak in the background; the answer is at once. */
  static TestKeycloak start(PostgresServer postgres) {
    Path folder;
    try {
      folder = Files.createDirectories(Path.of("target", "test-stack", "keycloak").toAbsolutePath());
    } catch (IOException e) {
      throw new InfraException("Could not create Keycloak's test folder: " + e.getMessage(), e);
    }
    Map<String, String> clientSecrets = new HashMap<>();
    clientSecrets.put(KomarRealm.CONSOLE, secret());
    KomarRealm.SERVICES.forEach(service -> clientSecrets.put(service.clientId(), secret()));
    Map<KomarRealm.Account, String> accounts = SampleData.accounts().stream()
        .collect(Collectors.toMap(account -> account, account -> secret()));
    Map<String, String> passwords = new HashMap<>();
    accounts.forEach((account, password) -> passwords.put(account.username(), password));
    int port = Ports.free();
    int consolePort = Ports.free();
    CompletableFuture<KeycloakServer> starting = CompletableFuture.supplyAsync(() -> {
      DatabaseLogin database = postgres.ownDatabase(KeycloakServer.DATABASE,
          TestStack.databasePassword(KeycloakServer.DATABASE));
      KeycloakAdmin.Credentials admin = new KeycloakAdmin.Credentials("komar-admin", secret());
      KeycloakServer server = KeycloakServer.start(InfraLayout.fromBuild().keycloakHome(), port, Ports.free(),
          database, admin, folder, folder.resolve("keycloak.log"),
          TestJvms.keycloak());
      try {
        new KeycloakAdmin(server.url(), admin).ensureRealm(KomarRealm.local(clientSecrets,
            List.of("http://localhost:" + consolePort + "/*", "http://" + Ports.LOOPBACK + ":" + consolePort + "/*"),
            accounts));
        return server;
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    });
    return new TestKeycloak(starting, "http://" + Ports.LOOPBACK + ":" + port + "/realms/" + KomarRealm.NAME,
        folder, clientSecrets, passwords, consolePort);
  }

  /** Waits until Keycloak answers with the realm made; throws what its start threw. */
  public TestKeycloak awaitReady() {
    try {
      server.join();
      return this;
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static String secret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String issuer() {
    return issuer;
  }

  @Override
  public String clientSecret(String clientId) {
    String secret = clientSecrets.get(clientId);
    if (secret == null) {
      throw new IllegalArgumentException("The realm has no client " + clientId);
    }
    return secret;
  }

  /** A sample account's password. */
  public String password(String username) {
    String password = passwords.get(username);
    if (password == null) {
      throw new IllegalArgumentException("The realm has no sample account " + username);
    }
    return password;
  }

  /** The port the console must listen on: the only one Keycloak sends a signed-in person back to. */
  public int consolePort() {
    return consolePort;
  }

  /**
   * A sample account's access token as an {@code Authorization} header value, signed in by password as the
   * README's examples do ({@link PasswordSignIn}); waits for Keycloak first.
   */
  public String bearer(String username) {
    awaitReady();
    return signIn.bearer(username);
  }

  /** A sample account's id in the realm: its tokens' {@code sub}, under which the audit names the person. */
  public String subjectOf(String username) {
    try {
      return com.nimbusds.jwt.JWTParser.parse(bearer(username).substring("Bearer ".length())).getJWTClaimsSet()
          .getSubject();
    } catch (java.text.ParseException e) {
      throw new IllegalStateException("Keycloak's token cannot be read", e);
    }
  }

  @Override
  public void close() {
    try {
      server.exceptionally(failure -> null).join();
      if (!server.isCompletedExceptionally() && server.join() != null) {
        server.join().close();
      }
    } finally {
      Folders.deleteWhatCan(folder);
    }
  }
}
