package org.komar.infra.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.komar.infra.KafkaLogins;
import org.komar.infra.ManagedProcess;
import org.komar.infra.Ports;
import org.komar.schemas.KafkaPrincipal;

/**
 * A Komar service in a JVM of its own, started from the test JVM's class path on the shared test stack, so that
 * a test can kill it as a crash would (SIGKILL: no shutdown, no commit) and start another in its place. Its log
 * is {@code target/test-stack/<name>.log}.
 */
public final class ServiceJvm implements AutoCloseable {

  private final ManagedProcess process;
  private final URI uri;

  private ServiceJvm(ManagedProcess process, URI uri) {
    this.process = process;
    this.uri = uri;
  }

  /**
   * Starts {@code mainClass} with the stack's settings as the environment a deployment gives (Kafka, registry,
   * the identity provider and the service's client secret, and the database if one is named) plus {@code extra}, and waits until {@code GET /health}
   * answers 200 with a body that {@code ready} accepts.
   */
  public static ServiceJvm start(String name, String mainClass, String database, Map<String, String> extra,
      Predicate<String> ready) {
    Path stack = Path.of("target", "test-stack").toAbsolutePath();
    return start(name, mainClass, ClassPathJars.of(System.getProperty("java.class.path"), stack.resolve("jars")),
        stack.resolve("cds"), database, extra, ready);
  }

  /**
   * A built service module, from its own jar and {@code target/lib} (the module must have been packaged): for
   * tests that run several services, whose class paths must not mix.
   */
  public static ServiceJvm startModule(Path moduleDir, String mainClass, String database, Map<String, String> extra,
      Predicate<String> ready) {
    return startModule(moduleDir.getFileName().toString(), moduleDir, mainClass, database, extra, ready);
  }

  /** {@link #startModule(Path, String, String, Map, Predicate)} logging to {@code target/test-stack/<name>.log}. */
  public static ServiceJvm startModule(String name, Path moduleDir, String mainClass, String database,
      Map<String, String> extra, Predicate<String> ready) {
    Path classes = moduleDir.resolve("target").resolve("classes").toAbsolutePath();
    Path lib = moduleDir.resolve("target").resolve("lib").toAbsolutePath();
    if (!java.nio.file.Files.isDirectory(classes) || !java.nio.file.Files.isDirectory(lib)) {
      throw new IllegalStateException(moduleDir + " is not built: run mvn -DskipTests package first");
    }
    Path jar = ClassPathJars.moduleJar(moduleDir, Path.of("target", "test-stack", "jars").toAbsolutePath());
    // The archive sits with the module, so that every test module that starts this service shares it.
    return start(name, mainClass, jar + java.io.File.pathSeparator + lib + "/*",
        moduleDir.resolve("target").resolve("cds").toAbsolutePath(), database, extra, ready);
  }

  private static ServiceJvm start(String name, String mainClass, String classPath, Path archives, String database,
      Map<String, String> extra, Predicate<String> ready) {
    // A service restarted on the port the others know it by keeps it.
    int port = extra.containsKey("HTTP_PORT") ? Integer.parseInt(extra.get("HTTP_PORT")) : Ports.free();
    Map<String, String> stack = TestStack.shared().serviceProperties(database);
    Map<String, String> environment = new HashMap<>();
    environment.put("HTTP_PORT", Integer.toString(port));
    String client = clientId(mainClass);
    // Each service logs in to Kafka as itself: the access lists let it do only what the topic catalogue says.
    KafkaPrincipal.ofService(client).ifPresent(principal -> environment.putAll(KafkaLogins.environment(
        TestStack.shared().kafka().clientSettings(principal))));
    environment.put("KAFKA_BOOTSTRAP_SERVERS", stack.get("kafka.bootstrap.servers"));
    environment.put("SCHEMA_REGISTRY_URL", stack.get("komar.schema-registry.url"));
    environment.put("KOMAR_ISSUER", stack.get("komar.identity.issuer"));
    if (org.komar.infra.identity.KomarRealm.SERVICES.stream().anyMatch(s -> s.clientId().equals(client))) {
      environment.put("KOMAR_CLIENT_SECRET", TestStack.shared().identity().clientSecret(client));
    }
    environment.put("HEALTH_DETAILS_VISIBLE", "ANONYMOUS");
    environment.put("WEBHOOK_ALLOW_LOOPBACK", stack.get("komar.webhooks.allow-loopback"));
    if (database != null) {
      environment.put("DB_URL", stack.get("datasources.default.url"));
      environment.put("DB_USERNAME", stack.get("datasources.default.username"));
      environment.put("DB_PASSWORD", stack.get("datasources.default.password"));
    }
    environment.putAll(extra);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
    command.addAll(TestJvms.archived("256m", mainClass, classPath, archives));
    command.addAll(List.of("-cp", classPath, mainClass));
    ManagedProcess process = ManagedProcess.start(name, command,
        environment, Path.of("").toAbsolutePath(), Path.of("target", "test-stack", name + ".log").toAbsolutePath());
    URI uri = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newHttpClient();
    process.awaitReady(Duration.ofSeconds(90), () -> {
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri.resolve("/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        return health.statusCode() == 200 && ready.test(health.body());
      } catch (java.io.IOException e) {
        return false;
      }
    });
    return new ServiceJvm(process, uri);
  }

  /** A service's client id from its main class, as its application name: {@code RoutingApplication} → routing-service. */
  static String clientId(String mainClass) {
    String simpleName = mainClass.substring(mainClass.lastIndexOf('.') + 1);
    return simpleName.replace("Application", "").toLowerCase(java.util.Locale.ROOT) + "-service";
  }

  public URI uri() {
    return uri;
  }

  /** As a crash: no shutdown, no commit. */
  public void kill() {
    process.kill();
  }

  public String logTail() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(30));
  }
}
