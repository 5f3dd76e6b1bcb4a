package org.komar.infra.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.komar.infra.ApicurioRegistry;
import org.komar.infra.Folders;
import org.komar.infra.InfraException;
import org.komar.infra.InfraLayout;
import org.komar.infra.KafkaCluster;
import org.komar.infra.KafkaLogins;
import org.komar.infra.Ports;
import org.komar.infra.PostgresServer;
import org.komar.infra.PostgresSettings;
import org.komar.infra.SchemaRegistry;
import org.komar.infra.SoftHsmToken;
import org.komar.infra.TopicCatalogue;
import org.komar.infra.registry.SchemaRegistration;
import org.komar.infra.registry.SchemaRegistryClient;
import org.komar.schemas.CloudEvents;
import org.komar.schemas.KafkaPrincipal;
import org.komar.schemas.serde.KomarSerdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real infrastructure for integration tests: a Kafka broker (in-process), Apicurio Registry (in memory, own
 * JVM) and PostgreSQL (own process, a database per service), with the topic catalogue created.
 *
 * <p>Started once per test JVM by the first test that asks for it ({@link #shared()}) and stopped by
 * {@link TestStackSessionListener} when the JUnit session ends, leaving no process and no temp folder behind.
 * Tests on this shared stack use their own topic names and consumer groups where they need isolation.
 */
public final class TestStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TestStack.class);

  /** The databases of the services, one each. */
  public static final List<String> DATABASES = List.of("vault", "intake", "notification");
  public static final String DB_USER = "komar";
  /** The test token's user and security officer PINs: test-only values, like the keys above. */
  static final String HSM_PIN = "komar-test-hsm-pin";
  static final String HSM_SO_PIN = "komar-test-hsm-so-pin";

  private static TestStack shared;
  private static final String PIN_KEY = java.util.HexFormat.of().formatHex(randomBytes());
  private static final String WEBHOOK_SIGNING_KEY = java.util.HexFormat.of().formatHex(randomBytes());
  /**
   * The Kafka logins of every broker this test JVM starts (the shared one, a {@link RestartableStack}'s, a
   * three-broker cluster): a service started for one reaches any other with the same environment.
   */
  public static final KafkaLogins KAFKA_LOGINS = KafkaLogins.generate();
  /** The password of each database's own role (named as the database), as the platform keeps them: per test JVM. */
  private static final Map<String, String> DATABASE_PASSWORDS = new java.util.concurrent.ConcurrentHashMap<>();

  private final KafkaCluster kafka;
  private final SchemaRegistry registry;
  private final PostgresServer postgres;
  private final Path postgresHome;
  private final TestIssuer issuer;
  private TestKeycloak keycloak;
  private ServiceJvm vault;

  private TestStack(KafkaCluster kafka, SchemaRegistry registry, PostgresServer postgres, Path postgresHome,
      TestIssuer issuer) {
    this.kafka = kafka;
    this.registry = registry;
    this.postgres = postgres;
    this.postgresHome = postgresHome;
    this.issuer = issuer;
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return bytes;
  }

  /**
   * The password of the role that owns {@code database} on every PostgreSQL this test JVM starts (the shared one, a
   * {@link RestartableStack}'s, Keycloak's database): generated on first use.
   */
  public static String databasePassword(String database) {
    return DATABASE_PASSWORDS.computeIfAbsent(database, name -> KafkaLogins.randomPassword());
  }

  /** The stack of this test JVM, started on first use. */
  public static synchronized TestStack shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** Stops the shared stack, if any test started it. */
  static synchronized void closeShared() {
    if (shared != null) {
      try {
        shared.close();
      } finally {
        shared = null;
      }
    }
  }

  private static TestStack start() {
    long started = System.nanoTime();
    LeftoverStacks.stop();
    InfraLayout layout = InfraLayout.fromBuild();
    Path logs = Path.of("target", "test-stack").toAbsolutePath();
    Path postgresHome = createPostgresHome();
    var kafka = CompletableFuture.supplyAsync(() -> InProcessKafka.start(KAFKA_LOGINS));
    var registry = CompletableFuture.supplyAsync(() -> LeftoverStacks.owned(postgresHome, ApicurioRegistry.start(
        layout.apicurioHome(), Ports.free(), Ports.free(), Optional.empty(), logs.resolve("registry"),
        logs.resolve("apicurio-registry.log"), TestJvms.registry("192m"))));
    var issuer = CompletableFuture.supplyAsync(TestIssuer::start);
    var postgres = CompletableFuture.supplyAsync(() -> new PostgresSettings(postgresHome, Ports.free(), DB_USER,
        "komar-test", false, PostgresSettings.installedBinaries()).start());
    // Wait for all three, so that whatever did start is known, and stopped, if another failed.
    CompletableFuture.allOf(kafka, registry, postgres, issuer).exceptionally(failure -> null).join();
    List<AutoCloseable> parts = Stream.of(kafka, registry, postgres, issuer)
        .filter(future -> !future.isCompletedExceptionally()).<AutoCloseable>map(CompletableFuture::join).toList();
    try {
      TestStack stack = new TestStack(kafka.join(), registry.join(), postgres.join(), postgresHome,
          issuer.join());
      DATABASES.forEach(database -> stack.postgres.ownDatabase(database, databasePassword(database)));
      TopicCatalogue.create(stack.kafka.clientSettings(), 3, (short) 1);
      SchemaRegistryClient client = new SchemaRegistryClient(stack.registry.confluentCompatibleUrl());
      client.setDefaultCompatibility(SchemaRegistryClient.Compatibility.BACKWARD);
      SchemaRegistration.registerAll(client);
      LOG.info("Test stack ready in {} ms: Kafka {}, registry {}, PostgreSQL {}",
          (System.nanoTime() - started) / 1_000_000, stack.kafkaBootstrapServers(), stack.registry.url(),
          stack.postgres.jdbcUrl("postgres"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stack.stopProcessesIfLeft(), "test-stack-fallback"));
      return stack;
    } catch (RuntimeException e) {
      parts.forEach(TestStack::closeQuietly);
      Folders.deleteWhatCan(postgresHome);
      throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * The JVM is exiting without the JUnit session having closed the stack (a test run interrupted with
   * Ctrl-C): stop the child processes at least. Only processes: stopping the in-process broker from a
   * shutdown hook once broke Surefire's fork.
   */
  private void stopProcessesIfLeft() {
    synchronized (TestStack.class) {
      if (shared != this) {
        return;
      }
    }
    if (registry instanceof ApicurioRegistry local) {
      local.process().stop(java.time.Duration.ofSeconds(5));
    }
    if (keycloak != null) {
      keycloak.close();
    }
    postgres.process().ifPresent(process -> process.stop(java.time.Duration.ofSeconds(5)));
    Folders.deleteWhatCan(postgresHome);
  }

  /** PostgreSQL's folder goes under the system temp folder, which the postgres user can reach. */
  private static Path createPostgresHome() {
    try {
      return LeftoverStacks.claim(Files.createTempDirectory(LeftoverStacks.PREFIX));
    } catch (IOException e) {
      throw new InfraException("Could not create a temp folder for PostgreSQL: " + e.getMessage(), e);
    }
  }

  public KafkaCluster kafka() {
    return kafka;
  }

  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  /**
   * The administrator's Kafka client settings (a new mutable map): for tests that write or read any topic, as an
   * operator's tool would. A service under test logs in as itself ({@link #kafkaLogin}).
   */
  public Map<String, Object> kafkaSettings() {
    return new java.util.HashMap<>(kafka.clientSettings());
  }

  /** A service's Kafka login, as the properties its Micronaut context reads ({@code kafka.sasl.jaas.config}, ...). */
  public Map<String, String> kafkaLogin(KafkaPrincipal principal) {
    Map<String, String> properties = new LinkedHashMap<>();
    kafka.clientSettings(principal).forEach((setting, value) -> properties.put("kafka." + setting, value.toString()));
    return properties;
  }

  public SchemaRegistry registry() {
    return registry;
  }

  /** Komar's serdes on this stack's registry, writing as {@code /komar/test}. */
  public KomarSerdes serdes() {
    return new KomarSerdes(registry.registryApiUrl(), CloudEvents.sourceOf("test"));
  }

  public PostgresServer postgres() {
    return postgres;
  }

  /** The identity provider of the services' own tests: a key pair, its JWKS and a token endpoint. */
  public TestIssuer issuer() {
    return issuer;
  }

  /**
   * The real Keycloak on this stack, started by the first test that asks (it takes half a minute or more). From
   * then on, the services this JVM starts ({@link ServiceJvm}) trust it instead of the {@link #issuer()}.
   */
  public synchronized TestKeycloak keycloak() {
    if (keycloak == null) {
      keycloak = TestKeycloak.start(postgres);
    }
    return keycloak;
  }

  /**
   * The vault, vault-service as built, in a JVM of its own on this stack with its own database, started by the first
   * test that asks: for the tests of a service that seals or opens through it (intake's). It trusts the
   * {@link #identity()} of the moment it starts. Needs vault-service packaged ({@code target/lib}), which the reactor
   * does first for a module that declares it.
   */
  public synchronized ServiceJvm vault() {
    return vault != null ? vault : vault(Ports.free());
  }

  /**
   * {@link #vault()} on {@code port}, for a caller that gives others its address beforehand; refused if the stack's
   * vault runs already on another port, rather than leave the caller's services calling nothing.
   */
  public synchronized ServiceJvm vault(int port) {
    if (vault != null && vault.uri().getPort() != port) {
      throw new IllegalStateException("The stack's vault runs already, on port " + vault.uri().getPort() + ", not "
          + port + ": use vault().uri()");
    }
    if (vault == null) {
      vault = ServiceJvm.startModule(projectModule("vault-service"), "org.komar.vault.service.VaultApplication",
          "vault", with(vaultEnvironment(), Map.of("VAULT_CATCH_UP", "300ms", "HTTP_PORT", Integer.toString(port))),
          health -> health.contains("\"UP\""));
    }
    return vault;
  }

  /**
   * The vault's environment on this stack: its SoftHSM2 token and audit signing key, under the module's build folder
   * and kept across runs (never committed), and the folder of this stack's audit checkpoints, which lives and goes with
   * the stack's database.
   */
  public Map<String, String> vaultEnvironment() {
    return vaultEnvironment(postgresHome.resolve("audit-checkpoints"));
  }

  /** The same with a checkpoint folder of the caller's, for a stack with a database of its own. */
  public static Map<String, String> vaultEnvironment(Path checkpoints) {
    Path hsm = Path.of("target", "test-stack", "hsm").toAbsolutePath();
    Map<String, String> environment = new LinkedHashMap<>(token(hsm).vaultEnvironment());
    environment.put("KOMAR_AUDIT_SIGNING_KEY", hsm.resolve("audit-signing.json").toString());
    environment.put("KOMAR_AUDIT_PUBLIC_KEY", hsm.resolve("audit-public.json").toString());
    environment.put("KOMAR_AUDIT_CHECKPOINTS", checkpoints.toAbsolutePath().toString());
    return environment;
  }

  private static SoftHsmToken token;

  /** The module's token, made (SoftHSM2 installed, the token initialized) once per test JVM. */
  private static synchronized SoftHsmToken token(Path folder) {
    if (token == null) {
      token = SoftHsmToken.ensure(projectRoot(), folder, HSM_PIN, HSM_SO_PIN);
    }
    return token;
  }

  /** The project's root folder, found from the working folder up (a module's tests run in the module's folder). */
  static Path projectRoot() {
    for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
      if (Files.isRegularFile(folder.resolve("komar")) && Files.isDirectory(folder.resolve("bin"))) {
        return folder;
      }
    }
    throw new InfraException("No Komar project above " + Path.of("").toAbsolutePath());
  }

  private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(base);
    all.putAll(more);
    return all;
  }

  /** A module of this project, found from the working folder up (a module's tests run in the module's folder). */
  private static Path projectModule(String module) {
    for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
      if (Files.isRegularFile(folder.resolve(module).resolve("pom.xml"))) {
        return folder.resolve(module);
      }
    }
    throw new InfraException("No module " + module + " above " + Path.of("").toAbsolutePath());
  }

  /** Whom the services started from now on trust: Keycloak once asked for, else the test issuer. */
  public synchronized Identity identity() {
    return keycloak != null ? keycloak : issuer;
  }

  /**
   * The settings a service's Micronaut context needs to run on this stack, in the same shape as its
   * {@code application.yml} reads them from the environment.
   */
  public Map<String, String> serviceProperties(String database) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    properties.put("komar.schema-registry.url", registry.registryApiUrl());
    // Whose tokens the services trust: its JWKS and token endpoint are under this address.
    properties.put("komar.identity.issuer", identity().issuer());
    properties.put("komar.reporter-pins.key", PIN_KEY);
    properties.put("komar.notification.webhook-signing-key", WEBHOOK_SIGNING_KEY);
    // Production hides health details; tests need them to see each dependency's own status.
    properties.put("endpoints.health.details-visible", "ANONYMOUS");
    // The stand-in agencies (StandIns) listen on this machine, over http.
    properties.put("komar.webhooks.allow-loopback", "true");
    if ("vault".equals(database)) {
      // The vault's token (SOFTHSM2_CONF, which the library reads from the process's environment, is set for test
      // JVMs by the root pom), signing key and checkpoint folder: for the vault alone, so that no other module's
      // tests make a token they never use.
      Map<String, String> vault = vaultEnvironment();
      properties.put("komar.vault.kek-uri", vault.get("KOMAR_KEK_URI"));
      properties.put("komar.vault.pkcs11.pin", vault.get("KOMAR_HSM_PIN"));
      properties.put("komar.audit.signing-key", vault.get("KOMAR_AUDIT_SIGNING_KEY"));
      properties.put("komar.audit.public-key", vault.get("KOMAR_AUDIT_PUBLIC_KEY"));
      properties.put("komar.audit.checkpoints", vault.get("KOMAR_AUDIT_CHECKPOINTS"));
    }
    if (database != null) {
      // The service logs in as its database's own role, as on the platform: it reaches no other service's data.
      properties.put("datasources.default.url", postgres.jdbcUrl(database));
      properties.put("datasources.default.username", database);
      properties.put("datasources.default.password", databasePassword(database));
    }
    return properties;
  }

  /**
   * {@link #serviceProperties(String)} for a service that calls others as itself, with its client's secret
   * ({@code clientId}: {@code routing-service}) and its own Kafka login ({@link #kafkaLogin}).
   */
  public Map<String, String> serviceProperties(String database, String clientId) {
    Map<String, String> properties = serviceProperties(database);
    properties.put("komar.identity.client-secret", identity().clientSecret(clientId));
    KafkaPrincipal.ofService(clientId).ifPresent(principal -> properties.putAll(kafkaLogin(principal)));
    return properties;
  }

  @Override
  public void close() {
    long started = System.nanoTime();
    List<RuntimeException> problems = new ArrayList<>();
    List<AutoCloseable> parts = new ArrayList<>();
    synchronized (this) {
      if (vault != null) {
        parts.add(vault);
      }
      if (keycloak != null) {
        parts.add(keycloak);
      }
    }
    // Keycloak keeps its realm in PostgreSQL: it stops first.
    parts.addAll(List.of(issuer, registry, kafka, postgres));
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        problems.add(e instanceof RuntimeException runtime ? runtime : new InfraException(e.getMessage(), e));
      }
    }
    Folders.deleteWhatCan(postgresHome);
    LOG.info("Test stack stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
    if (!problems.isEmpty()) {
      InfraException failure = new InfraException("The test stack did not stop cleanly");
      problems.forEach(failure::addSuppressed);
      throw failure;
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("Could not stop {}: {}", closeable, e.getMessage());
    }
  }
}
