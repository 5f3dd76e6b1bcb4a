package org.komar.infra.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.komar.infra.ApicurioRegistry;
import org.komar.infra.DatabaseLogin;
import org.komar.infra.External;
import org.komar.infra.InfraException;
import org.komar.infra.InfraLayout;
import org.komar.infra.KafkaAccess;
import org.komar.infra.KafkaCluster;
import org.komar.infra.KafkaLogins;
import org.komar.infra.KafkaServerProcess;
import org.komar.infra.KeycloakAdmin;
import org.komar.infra.KeycloakServer;
import org.komar.infra.ManagedProcess;
import org.komar.infra.Ports;
import org.komar.infra.PostgresServer;
import org.komar.infra.PostgresSettings;
import org.komar.infra.SchemaRegistry;
import org.komar.infra.SoftHsmToken;
import org.komar.infra.TopicCatalogue;
import org.komar.infra.identity.KomarRealm;
import org.komar.infra.identity.PasswordSignIn;
import org.komar.infra.registry.SchemaRegistration;
import org.komar.infra.registry.SchemaRegistryClient;
import org.komar.schemas.KafkaPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole platform on this machine: PostgreSQL, a Kafka broker, Apicurio Registry, Keycloak, the topic
 * catalogue and the services (vault, intake, routing, notification, console), each on 127.0.0.1, with its data
 * in one folder kept across restarts. Stops everything on Ctrl-C, services first, and stops everything if one of
 * them dies.
 *
 * <p>Run it with {@code ./komar run}; every setting is an environment variable (see {@link PlatformSettings}).
 * The pids of its children are kept in {@code komar.children}, so that processes left behind by a launcher that
 * was killed outright are stopped by the next start or by {@code ./komar reset}.
 */
public final class LocalPlatform implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
  /** The schema registry's database (Apicurio keeps its schemas in PostgreSQL), owned by its role of that name. */
  static final String REGISTRY_DATABASE = "registry";
  /** The master realm's administrator of the local Keycloak; its password is generated into the secrets. */
  private static final String KEYCLOAK_ADMIN = "komar-admin";

  private final PlatformSettings settings;
  private final ChildLedger ledger;
  private final List<AutoCloseable> running = new ArrayList<>();
  private final List<ManagedProcess> watched = Collections.synchronizedList(new ArrayList<>());
  private final List<ServiceProcess> services = new ArrayList<>();
  private volatile boolean stopping;
  private KafkaCluster kafka;
  private String pinKey;
  private SoftHsmToken hsm;
  private String webhookSigningKey;
  private SchemaRegistry registry;
  private PostgresServer postgres;
  private KeycloakServer keycloak;
  private final Map<String, DatabaseLogin> databases = new java.util.concurrent.ConcurrentHashMap<>();

  LocalPlatform(PlatformSettings settings) {
    this.settings = settings;
    this.ledger = new ChildLedger(settings.dataDir());
  }

  public static void main(String[] args) {
    Path projectHome = Path.of(System.getProperty("komar.home", ".")).toAbsolutePath().normalize();
    LocalPlatform platform;
    try {
      platform = new LocalPlatform(PlatformSettings.fromEnvironment(projectHome, System.getenv()));
    } catch (InfraException e) {
      System.err.println("Komar: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "komar-stop"));
    long started = System.nanoTime();
    try {
      platform.start();
    } catch (RuntimeException e) {
      System.err.println("\nKomar could not start: " + causes(e));
      System.exit(1);
    }
    System.out.println(platform.summary((System.nanoTime() - started) / 1_000_000));
    platform.watch();
  }

  /** The message of a failure and of each of its causes, for a person reading a terminal. */
  static String causes(Throwable failure) {
    StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
    for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append("\n  caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
      }
    }
    return text.toString();
  }

  void start() {
    startInfrastructure();
    startServices();
  }

  /** PostgreSQL, Kafka, the registry, Keycloak and the topics; in parallel where they do not need each other. */
  void startInfrastructure() {
    startInfrastructure(true);
  }

  /** The same; without {@code identity}, Keycloak is left out (for tests of the other parts: it is the slowest). */
  void startInfrastructure(boolean identity) {
    Path data = settings.dataDir();
    createDirectories(data);
    writePidFile(data);
    ledger.stopLeftovers();
    InfraLayout layout = InfraLayout.fromBuild();

    // Kafka needs nothing; the registry keeps its schemas in PostgreSQL.
    var kafkaStart = CompletableFuture.supplyAsync(() -> startKafka(layout));
    var postgresStart = CompletableFuture.supplyAsync(this::startPostgres);
    var registryStart = postgresStart.thenApplyAsync(started -> startRegistry(layout, started));
    var keycloakStart = postgresStart.thenApplyAsync(started -> identity ? startKeycloak(layout, started) : null);
    var topics = kafkaStart.thenApplyAsync(started -> {
      Set<String> created = TopicCatalogue.create(started.clientSettings(), settings.topicPartitions(),
          settings.topicReplicationFactor());
      if (settings.externalKafka().isEmpty() || settings.externalKafka().get().givenLogins().isPresent()) {
        KafkaAccess.Applied access = KafkaAccess.apply(started.clientSettings(), started.logins());
        LOG.info("Kafka logins set for {} services; access lists: {} added, {} removed", access.logins(),
            access.added(), access.removed());
      }
      return created;
    });
    awaitAll(kafkaStart, postgresStart, registryStart, keycloakStart, topics);
    kafka = kafkaStart.join();
    postgres = postgresStart.join();
    registry = registryStart.join();
    keycloak = keycloakStart.join();
    if (!topics.join().isEmpty()) {
      LOG.info("Created topics {}", topics.join());
    }
    // Each service's database is owned by a role of its own, which reaches no other database.
    ServiceProcess.SERVICES.stream().map(ServiceProcess.Service::database).flatMap(Optional::stream)
        .forEach(database -> databases.put(database, ownDatabase(postgres, database)));
    if (settings.externalKafka().isEmpty()) {
      int seeded = SampleData.seedAgencyDirectory(kafka.clientSettings(), registry.registryApiUrl());
      if (seeded > 0) {
        LOG.info("Seeded the sample agency directory: {} units", seeded);
      }
    }
  }

  /** The services and the console, started together; returns when each answers UP on /health. */
  void startServices() {
    webhookSigningKey = localSecret("webhook-signing-key", Optional.ofNullable(System.getenv("WEBHOOK_SIGNING_KEY"))
        .filter(key -> !key.isBlank()), "WEBHOOK_SIGNING_KEY", "agencies' webhook keys are derived from");
    pinKey = localSecret("pin-key", Optional.ofNullable(System.getenv("PIN_KEY")).filter(key -> !key.isBlank()),
        "PIN_KEY", "the stored reporter PINs are keyed with");
    // The vault's key-encryption key lives in a SoftHSM2 token of this data folder, made inside it and never leaving it.
    hsm = SoftHsmToken.ensure(settings.projectHome(), settings.dataDir().resolve("hsm"), generatedSecret("hsm-pin"),
        generatedSecret("hsm-so-pin"));
    for (ServiceProcess.Service service : ServiceProcess.SERVICES) {
      int port = Ports.freeOrConfigured(settings.servicePorts().get(service.module()), service.module(),
          "KOMAR_" + service.module().replace("-service", "").toUpperCase(Locale.ROOT) + "_PORT");
      ServiceProcess process = keep(ServiceProcess.start(settings.projectHome(), service, port,
          serviceEnvironment(service, port), jvmOptions(service.module(),
              Stream.concat(service.javaOptions().stream(),
                  Stream.of(settings.serviceJavaOptions().trim().split("\\s+"))).toList()),
          settings.dataDir()));
      watch(process.process());
      services.add(process);
    }
    services.parallelStream().forEach(ServiceProcess::awaitHealthy);
  }

  KafkaCluster kafka() {
    return kafka;
  }

  SchemaRegistry registry() {
    return registry;
  }

  PostgresServer postgres() {
    return postgres;
  }

  KeycloakServer keycloak() {
    return keycloak;
  }

  private PostgresServer startPostgres() {
    if (settings.externalDbHost().isPresent()) {
      return new External.Postgres(settings.externalDbHost().get(), settings.dbPort(), settings.dbUsername(),
          settings.dbPassword().orElseThrow(() -> new InfraException("KOMAR_DB_HOST is set: set DB_PASSWORD too")));
    }
    int port = Ports.freeOrConfigured(settings.dbPort(), "PostgreSQL", "KOMAR_DB_PORT");
    PostgresServer server = keep(new PostgresSettings(settings.dataDir().resolve("postgres"), port,
        settings.dbUsername(), localDbPassword(), true, PostgresSettings.installedBinaries()).start());
    server.process().ifPresent(this::watch);
    LOG.info("PostgreSQL ready on {}:{}", server.host(), server.port());
    return server;
  }

  private KafkaCluster startKafka(InfraLayout layout) {
    if (settings.externalKafka().isPresent()) {
      External.Kafka external = settings.externalKafka().get();
      try {
        if (!KafkaCluster.answers(external.clientSettings(), Duration.ofSeconds(15))) {
          throw new InfraException("no broker in the cluster's metadata");
        }
      } catch (Exception e) {
        throw new InfraException("The Kafka cluster at " + external.bootstrapServers()
            + " (KAFKA_BOOTSTRAP_SERVERS) does not answer: " + e.getMessage(), e);
      }
      return external;
    }
    int port = Ports.freeOrConfigured(settings.kafkaPort(), "Kafka", "KOMAR_KAFKA_PORT");
    int controllerPort = Ports.freeOrConfigured(settings.kafkaControllerPort(), "Kafka's controller",
        "KOMAR_KAFKA_CONTROLLER_PORT");
    // Every login's password is generated on the first start into the secrets folder (kafka-<user>).
    KafkaLogins logins = KafkaLogins.fromSecrets(user -> generatedSecret("kafka-" + user));
    KafkaServerProcess broker = keep(KafkaServerProcess.start(settings.dataDir().resolve("kafka"), port,
        controllerPort, layout.kafkaBrokerLib(), settings.logs().resolve("kafka.log"),
        // One broker of a local platform keeps little on its heap (the log lives in the page cache; the cleaner's
        // buffer is made small in its settings). G1 with a short pause goal, as Kafka's own scripts set it: the
        // serial collector's full collections stalled every client for over 100 ms.
        jvmOptions("kafka", List.of("-Xms64m", "-Xmx192m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35")), logins));
    watch(broker.process());
    LOG.info("Kafka ready on {}", broker.bootstrapServers());
    return broker;
  }

  private SchemaRegistry startRegistry(InfraLayout layout, PostgresServer database) {
    if (settings.externalRegistry().isPresent()) {
      External.Registry external = External.Registry.fromApiUrl(settings.externalRegistry().get());
      SchemaRegistration.registerAll(new SchemaRegistryClient(external.confluentCompatibleUrl()));
      return external;
    }
    DatabaseLogin registryLogin = ownDatabase(database, REGISTRY_DATABASE);
    int port = Ports.freeOrConfigured(settings.registryPort(), "Apicurio Registry", "KOMAR_REGISTRY_PORT");
    int managementPort = Ports.freeOrConfigured(settings.registryManagementPort(), "Apicurio Registry management",
        "KOMAR_REGISTRY_MANAGEMENT_PORT");
    ApicurioRegistry started = keep(ApicurioRegistry.start(layout.apicurioHome(), port, managementPort,
        Optional.of(registryLogin),
        settings.dataDir().resolve("registry"), settings.logs().resolve("registry.log"),
        // Clients cache every schema they use, so the registry answers a few lookups per client: C1 alone
        // starts it sooner and costs less CPU than C2 would ever win back.
        jvmOptions("registry", List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1"))));
    watch(started.process());
    // Our registry refuses a schema change that would break readers of earlier events.
    SchemaRegistryClient client = new SchemaRegistryClient(started.confluentCompatibleUrl());
    client.setDefaultCompatibility(SchemaRegistryClient.Compatibility.BACKWARD);
    int subjects = SchemaRegistration.registerAll(client).size();
    LOG.info("Schema registry ready at {}, {} subjects registered", started.url(), subjects);
    return started;
  }

  /**
   * Keycloak on the platform's PostgreSQL, with the local realm: the sample accounts, each with a password
   * generated into the secrets folder ({@code account-<username>}), as are the clients' secrets and the
   * administrator's. A realm that exists already is left as it is.
   */
  private KeycloakServer startKeycloak(InfraLayout layout, PostgresServer database) {
    DatabaseLogin keycloakLogin = ownDatabase(database, KeycloakServer.DATABASE);
    int port = Ports.freeOrConfigured(settings.keycloakPort(), "Keycloak", "KOMAR_KEYCLOAK_PORT");
    int managementPort = Ports.freeOrConfigured(settings.keycloakManagementPort(), "Keycloak management",
        "KOMAR_KEYCLOAK_MANAGEMENT_PORT");
    KeycloakAdmin.Credentials admin = new KeycloakAdmin.Credentials(KEYCLOAK_ADMIN,
        generatedSecret("keycloak-admin-password"));
    KeycloakServer started = keep(KeycloakServer.start(layout.keycloakHome(), port, managementPort,
        keycloakLogin,
        admin, settings.dataDir().resolve("keycloak"), settings.logs().resolve("keycloak.log"),
        // As the registry: few requests locally (sign-ins, token refreshes), so C1 alone and the serial collector
        // start it sooner and cost less CPU than C2 and G1 would win back.
        jvmOptions("keycloak", List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1"))));
    watch(started.process());
    Map<String, String> secrets = new HashMap<>();
    secrets.put(KomarRealm.CONSOLE, clientSecret(KomarRealm.CONSOLE));
    KomarRealm.SERVICES.forEach(service -> secrets.put(service.clientId(), clientSecret(service.clientId())));
    Map<KomarRealm.Account, String> passwords = new HashMap<>();
    SampleData.accounts().forEach(account -> passwords.put(account,
        generatedSecret(PasswordSignIn.accountSecret(account.username()))));
    int consolePort = settings.servicePorts().get("console");
    boolean created = new KeycloakAdmin(started.url(), admin).ensureRealm(KomarRealm.local(secrets,
        List.of("http://localhost:" + consolePort + "/*", "http://127.0.0.1:" + consolePort + "/*"), passwords));
    LOG.info("Keycloak ready at {}{}", started.url(), created ? ", realm " + KomarRealm.NAME + " created" : "");
    return started;
  }

  /**
   * The options of the JVM {@code name}: less memory where this Java can ({@code Java.leanerMemory}), then
   * {@code options}, then a dynamic class-data archive in the data folder: written when that JVM first stops normally (Ctrl-C stops each so), then mapped by every later start instead of loading, parsing and
   * verifying its classes again, a good part of each start on two cores; made again by the JVM itself when its
   * classes changed (a new build).
   */
  private List<String> jvmOptions(String name, List<String> options) {
    List<String> all = new ArrayList<>(org.komar.infra.Java.leanerMemory());
    all.addAll(options.stream().filter(option -> !option.isBlank()).toList());
    all.addAll(org.komar.infra.Java.classDataArchive(settings.dataDir().resolve("cds").resolve(name + ".jsa")));
    return List.copyOf(all);
  }

  private Map<String, String> serviceEnvironment(ServiceProcess.Service service, int port) {
    Map<String, String> environment = new HashMap<>();
    environment.put("HTTP_PORT", Integer.toString(port));
    // Each service logs in to Kafka as itself, and may do there only what the topic catalogue lets it.
    KafkaPrincipal.ofService(service.module()).ifPresent(principal ->
        environment.putAll(KafkaLogins.environment(kafka.clientSettings(principal))));
    environment.put("SCHEMA_REGISTRY_URL", registry.registryApiUrl());
    if (service.module().equals("vault-service")) {
      // The token that holds the key-encryption key, and its PIN: no other service is given them. A keyset file an
      // earlier Komar kept the KEK in still unwraps what it wrapped, until ./komar kek rotate deletes it.
      Path secrets = settings.dataDir().resolve("secrets");
      environment.putAll(hsm.vaultEnvironment());
      if (Files.exists(secrets.resolve("kek.json"))) {
        environment.put("KOMAR_KEK_FILE", secrets.resolve("kek.json").toString());
      }
      // The audit trail's signing key (encrypted under the KEK) and its public keyset, which verifiers read; the
      // trail's checkpoints outside the database.
      environment.put("KOMAR_AUDIT_SIGNING_KEY", secrets.resolve("audit-signing.json").toString());
      environment.put("KOMAR_AUDIT_PUBLIC_KEY", settings.dataDir().resolve("audit").resolve("public-keyset.json")
          .toString());
      environment.put("KOMAR_AUDIT_CHECKPOINTS", settings.dataDir().resolve("audit").resolve("checkpoints")
          .toString());
    }
    // Whose tokens the services trust (Keycloak's realm), and each one's own client secret where it has a client.
    environment.put("KOMAR_ISSUER", keycloak.issuer(KomarRealm.NAME));
    clientOf(service).ifPresent(client -> environment.put("KOMAR_CLIENT_SECRET", clientSecret(client)));
    // Each secret to the one service that uses it: a service broken into holds no other's.
    if (service.module().equals("intake-service")) {
      environment.put("PIN_KEY", pinKey);
    }
    if (service.module().equals("notification-service")) {
      environment.put("WEBHOOK_SIGNING_KEY", webhookSigningKey);
    }
    // The sample directory's webhooks point at this machine (nothing listens there unless you start it).
    environment.put("WEBHOOK_ALLOW_LOOPBACK", "true");
    // Kafka Streams state (routing): kept with the platform's data, rebuilt from its changelogs if deleted.
    environment.put("ROUTING_STATE_DIR", settings.dataDir().resolve("routing-state").toString());
    // The vault, which seals and opens for the others.
    environment.put("VAULT_URL", urlOf("vault-service"));
    if (service.module().equals("notification-service")) {
      // Agency messages link to the console's pages, at the address people open it (a Secure cookie needs localhost).
      environment.put("CONSOLE_URL", "http://localhost:" + settings.servicePorts().get("console"));
    }
    if (service.module().equals("reporting-service")) {
      // The public page records reports at intake, as the sample hotline's web channel, and nowhere else.
      environment.put("INTAKE_URL", urlOf("intake-service"));
      environment.put("REPORTING_HOTLINE_ID", KomarRealm.REPORTING_HOTLINE);
    }
    if (service.module().equals("console")) {
      environment.put("INTAKE_URL", urlOf("intake-service") + "/");
      environment.put("ROUTING_URL", urlOf("routing-service") + "/");
    }
    service.database().map(databases::get).ifPresent(login -> {
      environment.put("DB_URL", login.jdbcUrl());
      environment.put("DB_USERNAME", login.username());
      environment.put("DB_PASSWORD", login.password());
    });
    return environment;
  }

  /** A service started before this one, by the URL the others reach it at. */
  private String urlOf(String module) {
    return services.stream().filter(started -> started.service().module().equals(module)).findFirst()
        .map(ServiceProcess::url)
        .orElseGet(() -> "http://127.0.0.1:" + settings.servicePorts().get(module));
  }

  /**
   * The local database's password. The cluster is created with it once, so it is kept in the data folder
   * (readable only by us): generated on the first start, or {@code DB_PASSWORD} if that was set then. A later
   * {@code DB_PASSWORD} that differs would lock every client out, so it is refused with the way out.
   */
  private String localDbPassword() {
    return localSecret("db-password", settings.dbPassword(), "DB_PASSWORD", "the local database was created with");
  }

  /** The service's client in the realm: the console's, or a service's that calls another as itself. */
  private static Optional<String> clientOf(ServiceProcess.Service service) {
    if (service.module().equals("console")) {
      return Optional.of(KomarRealm.CONSOLE);
    }
    return KomarRealm.SERVICES.stream().map(KomarRealm.ServiceClient::clientId)
        .filter(client -> client.equals(service.module())).findFirst();
  }

  /**
   * {@code database} owned by its role of the same name, whose password is generated on the first start into the
   * secrets folder ({@code db-<database>}) and set again at every start (so that a changed file rotates it).
   */
  private DatabaseLogin ownDatabase(PostgresServer server, String database) {
    return server.ownDatabase(database, generatedSecret("db-" + database));
  }

  /** A client's secret in the local realm, generated on the first start into the secrets folder. */
  private String clientSecret(String clientId) {
    return generatedSecret("keycloak-client-" + clientId);
  }

  /** A secret only this platform ever sets: generated on the first start, kept in the secrets folder. */
  private String generatedSecret(String name) {
    return localSecret(name, Optional.empty(), null, null);
  }

  private String localSecret(String name, Optional<String> configured, String variable, String usedFor) {
    Path file = settings.dataDir().resolve("secrets").resolve(name);
    try {
      if (Files.exists(file)) {
        String kept = Files.readString(file).trim();
        if (configured.isPresent() && !configured.get().equals(kept)) {
          throw new InfraException(variable + " differs from the secret " + usedFor + " (" + file
              + "). Unset " + variable + ", or delete the data with ./komar reset.");
        }
        return kept;
      }
      String secret = configured.orElseGet(LocalPlatform::randomPassword);
      createDirectories(file.getParent());
      Files.writeString(Files.createFile(file,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), secret);
      return secret;
    } catch (IOException e) {
      throw new InfraException("Could not keep the secret " + file + ": " + e.getMessage(), e);
    }
  }

  private static String randomPassword() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  String summary(long startMillis) {
    Map<String, String> lines = new LinkedHashMap<>();
    for (ServiceProcess service : services) {
      lines.put(service.service().module(), service.url() + "   (GET /health)");
    }
    lines.put("Kafka", kafka.bootstrapServers());
    lines.put("Schema registry", registry.registryApiUrl());
    lines.put("Keycloak", keycloak.issuer(KomarRealm.NAME) + "   (sample accounts' passwords: "
        + settings.dataDir().resolve("secrets").resolve("account-<username>") + ")");
    lines.put("PostgreSQL", postgres.jdbcUrl("<vault|intake|notification|registry|keycloak>") + " (each as the role"
        + " of its name, password in " + settings.dataDir().resolve("secrets").resolve("db-<name>") + "; "
        + postgres.username() + " administers)");
    lines.put("Data and logs", settings.dataDir() + "   (reset: ./komar reset)");
    StringBuilder text = new StringBuilder("\nKomar is running (started in ")
        .append(String.format(Locale.ROOT, "%.1f", startMillis / 1000.0)).append(" s):\n");
    lines.forEach((name, value) -> text.append(String.format("  %-22s %s%n", name, value)));
    services.stream().filter(service -> service.service().module().equals("console")).findFirst()
        .ifPresent(console -> text.append("\nThe console: ").append(console.url().replace("127.0.0.1", "localhost"))
            .append("  (accounts: operator, officer-siem-reap, counsellor-siem-reap, ...; each one's password in ")
            .append(settings.dataDir().resolve("secrets").resolve("account-<username>")).append(")\n"));
    services.stream().filter(service -> service.service().module().equals("reporting-service")).findFirst()
        .ifPresent(page -> text.append("The public reporting page, for children and trusted adults (no account): ")
            .append(page.url().replace("127.0.0.1", "localhost")).append("  (status check: /status)\n"));
    String intake = urlOf("intake-service");
    text.append("\nTry, to record a sample intake (invented data) as the sample operator:\n")
        .append("  TOKEN=$(curl -s -d grant_type=password -d client_id=").append(KomarRealm.LOCAL_CLI)
        .append(" -d username=operator --data-urlencode password@")
        .append(settings.dataDir().resolve("secrets").resolve(PasswordSignIn.accountSecret("operator"))).append(" ")
        .append(keycloak.issuer(KomarRealm.NAME)).append(PasswordSignIn.TOKEN_PATH).append(" ")
        .append("| sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')\n")
        .append("  curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' ")
        .append("-d @infra/platform/src/main/resources/org/komar/infra/sample/intake.json ").append(intake)
        .append("/api/v1/intakes\n")
        .append("Stop with Ctrl-C.\n");
    return text.toString();
  }

  /** Blocks while the platform runs; if a process of ours dies, says which and stops the rest. */
  void watch() {
    while (!stopping) {
      for (ManagedProcess process : List.copyOf(watched)) {
        if (!process.isAlive() && !stopping) {
          System.err.println("\n" + process.name() + " stopped unexpectedly; stopping Komar." + process.logTail());
          System.exit(1);
        }
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Stops what was started, in reverse order: services, registry and Keycloak, Kafka, PostgreSQL. */
  @Override
  public void close() {
    List<AutoCloseable> toStop;
    synchronized (running) {
      stopping = true;
      toStop = new ArrayList<>(running);
      running.clear();
    }
    if (toStop.isEmpty()) {
      deletePidFile();
      return;
    }
    System.out.println("\nStopping Komar...");
    // The services are independent of each other: stop them together.
    toStop.stream().filter(ServiceProcess.class::isInstance).parallel().forEach(LocalPlatform::stopQuietly);
    List<AutoCloseable> infrastructure = new ArrayList<>(toStop.stream()
        .filter(part -> !(part instanceof ServiceProcess)).toList());
    Collections.reverse(infrastructure);
    infrastructure.forEach(LocalPlatform::stopQuietly);
    ledger.clear();
    deletePidFile();
    System.out.println("Komar stopped.");
  }

  /**
   * Records a started part so that {@link #close()} stops it. A part that finishes starting after the platform
   * began to stop (Ctrl-C during start-up) is stopped at once instead of being left running.
   */
  private <T extends AutoCloseable> T keep(T part) {
    synchronized (running) {
      if (!stopping) {
        running.add(part);
        return part;
      }
    }
    stopQuietly(part);
    throw new InfraException("Komar is stopping");
  }

  private void watch(ManagedProcess process) {
    watched.add(process);
    ledger.record(process);
  }

  private static void stopQuietly(AutoCloseable part) {
    try {
      part.close();
    } catch (Exception e) {
      System.err.println("Could not stop " + part + " cleanly: " + e.getMessage());
    }
  }

  /** Waits for all to finish, so that whatever did start is known (and stopped) when another failed. */
  private static void awaitAll(CompletableFuture<?>... futures) {
    CompletableFuture.allOf(futures).exceptionally(failure -> null).join();
    for (CompletableFuture<?> future : futures) {
      try {
        future.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException runtime ? runtime : new InfraException(e.getMessage(), e);
      }
    }
  }

  private void writePidFile(Path data) {
    Path pidFile = data.resolve("komar.pid");
    try {
      if (Files.exists(pidFile)) {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          throw new InfraException("Komar already runs from " + data + " (pid " + pid + "). Stop it first.");
        }
      }
      Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
    } catch (IOException | NumberFormatException e) {
      throw new InfraException("Could not write " + pidFile + ": " + e.getMessage(), e);
    }
  }

  private void deletePidFile() {
    try {
      Files.deleteIfExists(settings.dataDir().resolve("komar.pid"));
    } catch (IOException e) {
      // Harmless: the next start checks whether that pid still runs.
    }
  }

  private static void createDirectories(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new InfraException("Could not create " + folder + ": " + e.getMessage(), e);
    }
  }
}
