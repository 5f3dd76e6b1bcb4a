package org.komar.journey;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.komar.events.AgencyUnit;
import org.komar.infra.platform.SampleData;
import org.komar.infra.test.RestartableStack;
import org.komar.infra.test.ServiceJvm;
import org.komar.infra.test.StandIns;
import org.komar.infra.test.TestStack;

/**
 * The three services as built, each in its own JVM from its module's target folder, on the shared test stack
 * or on a {@link RestartableStack}; the sample agency directory with every unit's webhook pointing at
 * {@link StandIns}, which also plays the SMS gateway. What a deployment sets through the environment, this sets
 * the same way.
 */
final class Platform implements AutoCloseable {

  /**
   * Where the services find Kafka, the registry and their databases; {@code name} prefixes their log files when
   * it is not the shared stack's.
   */
  record Infra(String name, Map<String, Object> kafkaSettings, String registryApiUrl,
      Function<String, Map<String, String>> environment) {

    /** The shared test stack, which {@link ServiceJvm} gives a service unless told otherwise. */
    static Infra shared() {
      return new Infra("", TestStack.shared().kafkaSettings(), TestStack.shared().registry().registryApiUrl(),
          database -> "vault".equals(database) ? TestStack.shared().vaultEnvironment() : Map.of());
    }

    static Infra of(String name, RestartableStack stack) {
      return new Infra(name + "-", stack.kafkaSettings(), stack.registryApiUrl(), stack::environment);
    }

    /** The same, with {@code settings} added to every service's environment. */
    Infra with(Map<String, String> settings) {
      return new Infra(name, kafkaSettings, registryApiUrl, database -> {
        Map<String, String> all = new java.util.HashMap<>(environment.apply(database));
        all.putAll(settings);
        return all;
      });
    }
  }

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  final StandIns agencies = new StandIns();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, String> stack = TestStack.shared().serviceProperties(null);
  /** The vault's port, kept across restarts: the others reach it there. */
  private final int vaultPort = org.komar.infra.Ports.free();
  ServiceJvm vault;
  ServiceJvm intake;
  ServiceJvm routing;
  ServiceJvm notification;
  private final Infra infra;

  Platform() throws Exception {
    this(Infra.shared());
  }

  Platform(Infra infra) throws Exception {
    this.infra = infra;
    // The services trust the real Keycloak, and the journey's people sign in there. It starts in the background:
    // the services ask it for nothing until a token reaches them.
    TestStack.shared().keycloak();
    seedDirectory();
    // All four at once: each JVM's start is mostly single-threaded, and none needs another to be up.
    var starting = java.util.List.of(CompletableFuture.supplyAsync(this::startVault),
        CompletableFuture.supplyAsync(this::startIntake), CompletableFuture.supplyAsync(this::startRouting),
        CompletableFuture.supplyAsync(this::startNotification));
    CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
    // Keep whatever did start, so that close() ends it, before the first failure is thrown.
    vault = startedOrNull(starting.get(0));
    intake = startedOrNull(starting.get(1));
    routing = startedOrNull(starting.get(2));
    notification = startedOrNull(starting.get(3));
    for (CompletableFuture<ServiceJvm> service : starting) {
      if (service.isCompletedExceptionally()) {
        close();
        service.join();
      }
    }
  }

  private static ServiceJvm startedOrNull(CompletableFuture<ServiceJvm> starting) {
    return starting.isCompletedExceptionally() ? null : starting.join();
  }

  ServiceJvm startVault() {
    return start("vault-service", "org.komar.vault.service.VaultApplication", "vault",
        with("vault", Map.of("HTTP_PORT", Integer.toString(vaultPort))),
        health -> health.contains("\"UP\""));
  }

  ServiceJvm startIntake() {
    return start("intake-service", "org.komar.intake.IntakeApplication", "intake",
        with("intake", Map.of("PIN_KEY", stack.get("komar.reporter-pins.key"), "VAULT_URL", vaultUrl())),
        health -> health.contains("\"UP\""));
  }

  ServiceJvm startRouting() {
    return start("routing-service", "org.komar.routing.RoutingApplication", null,
        with(null, Map.of("VAULT_URL", vaultUrl(), "ROUTING_APPLICATION_ID", "komar-routing-" + run,
            "ROUTING_STATE_DIR", Path.of("target", "routing-state-" + run).toAbsolutePath().toString(),
            "ROUTING_SESSION_TIMEOUT", "10s")),
        health -> health.contains("RUNNING"));
  }

  ServiceJvm startNotification() {
    return start("notification-service", "org.komar.notification.NotificationApplication", "notification",
        with("notification", Map.of("VAULT_URL", vaultUrl(), "NOTIFY_GROUP_ID", "komar-notification-" + run,
            "WEBHOOK_SIGNING_KEY", stack.get("komar.notification.webhook-signing-key"),
            "SMS_GATEWAY_URL", agencies.smsGatewayUrl(), "NOTIFY_BACKOFF_BASE", "200ms", "NOTIFY_LEASE", "5s")),
        health -> health.contains("\"UP\""));
  }

  /** The built {@code module}, logging as {@code <infra's name><module>.log}. */
  private ServiceJvm start(String module, String mainClass, String database, Map<String, String> environment,
      java.util.function.Predicate<String> ready) {
    return ServiceJvm.startModule(infra.name() + module, ROOT.resolve(module), mainClass, database, environment,
        ready);
  }

  /** A service's own settings over the stack's (its database, if it has one). */
  private Map<String, String> with(String database, Map<String, String> own) {
    Map<String, String> environment = new java.util.HashMap<>(infra.environment().apply(database));
    environment.putAll(own);
    return environment;
  }

  /** The administrator's Kafka settings on the platform's cluster, for a test that reads what the services wrote. */
  Map<String, Object> kafkaSettings() {
    return infra.kafkaSettings();
  }

  String registryApiUrl() {
    return infra.registryApiUrl();
  }

  private String vaultUrl() {
    return "http://127.0.0.1:" + vaultPort;
  }

  private void seedDirectory() {
    SampleData.writeDirectory(infra.kafkaSettings(), infra.registryApiUrl(),
        unit -> SampleData.withCapacityTimes(1_000).apply(AgencyUnit.newBuilder(unit)
            .setWebhookUrl(agencies.webhookUrl(unit.getUnitId())).setSmsNumber(null).setEmail(null).build()));
  }

  /** The services' own log files, for the canary scan. */
  static java.util.List<Path> logs() {
    return java.util.List.of(Path.of("target", "test-stack").toAbsolutePath());
  }

  @Override
  public void close() {
    for (AutoCloseable part : new AutoCloseable[] {notification, routing, intake, vault}) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception e) {
        // go on stopping the others
      }
    }
    agencies.close();
  }
}
