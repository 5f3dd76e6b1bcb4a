package org.komar.infra.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.komar.infra.ClientSettings;
import org.komar.infra.Folders;
import org.komar.infra.InfraException;
import org.komar.infra.PostgresSettings;
import org.komar.infra.identity.KomarRealm;
import org.komar.infra.registry.SchemaRegistryClient;
import org.komar.schemas.Topics;
import org.slf4j.LoggerFactory;

/** The platform's infrastructure as {@code ./komar run} starts it, in a data folder of the test's own. */
class LocalPlatformTest {

  private static final Schema PING = new Schema.Parser().parse("""
      {"type": "record", "name": "Ping", "namespace": "org.komar.test",
       "fields": [{"name": "caseId", "type": "string"}]}""");

  private Path dataDir;

  @BeforeEach
  void createDataDir() throws Exception {
    // Under the system temp folder, which the postgres user can reach once it may enter the folder.
    dataDir = Files.createTempDirectory("komar-test-platform-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  @AfterEach
  void deleteDataDir() {
    Folders.deleteWhatCan(dataDir);
  }

  private PlatformSettings settings(Map<String, String> overrides) {
    Map<String, String> environment = new HashMap<>(Map.of(
        "KOMAR_DATA_DIR", dataDir.toString(),
        "KOMAR_KAFKA_PORT", "0",
        "KOMAR_KAFKA_CONTROLLER_PORT", "0",
        "KOMAR_REGISTRY_PORT", "0",
        "KOMAR_REGISTRY_MANAGEMENT_PORT", "0",
        "KOMAR_KEYCLOAK_PORT", "0",
        "KOMAR_KEYCLOAK_MANAGEMENT_PORT", "0",
        "KOMAR_DB_PORT", "0"));
    environment.putAll(overrides);
    return PlatformSettings.fromEnvironment(Path.of("..", "..").toAbsolutePath().normalize(), environment);
  }

  @Test
  void shouldKeepSchemasAndTopicsAcrossARestart() throws Exception {
    int schemaId;
    try (LocalPlatform first = new LocalPlatform(settings(Map.of()));
) {
      first.startInfrastructure();
      schemaId = new SchemaRegistryClient(first.registry().confluentCompatibleUrl()).register("ping-value", PING);
      try (var writer = new KafkaProducer<>(ClientSettings.plus(first.kafka().clientSettings(),
          "acks", "all"), new StringSerializer(), new StringSerializer())) {
        writer.send(new ProducerRecord<>(Topics.CASE_INTAKES.name(), "case-1", "kept")).get();
      }
    }

    try (LocalPlatform second = new LocalPlatform(settings(Map.of()));
        HttpClient http = HttpClient.newHttpClient()) {
      second.startInfrastructure();
      HttpResponse<String> stored = http.send(HttpRequest.newBuilder(
          URI.create(second.registry().confluentCompatibleUrl() + "/schemas/ids/" + schemaId)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(stored.statusCode()).isEqualTo(200);
      assertThat(stored.body()).contains("org.komar.test").contains("Ping");
      assertThat(readAll(second, Topics.CASE_INTAKES.name())).containsExactly("kept");
      // The sample directory was seeded once, on the first start, not again on the second.
      assertThat(readAll(second, Topics.AGENCY_UNITS.name())).hasSize(SampleData.directory().size());
      // Keycloak kept its realm in PostgreSQL: a sample account signs in with the password generated first.
      String password = Files.readString(dataDir.resolve("secrets/account-officer-siem-reap")).trim();
      HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(
              second.keycloak().issuer(KomarRealm.NAME) + "/protocol/openid-connect/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + KomarRealm.LOCAL_CLI
              + "&username=officer-siem-reap&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    }
    assertThat(dataDir.resolve("komar.pid")).doesNotExist();
    assertThat(dataDir.resolve("secrets/db-password")).exists();
  }

  @Test
  void shouldStartFromADataFolderThatThePostgresUserCannotEnter() throws Exception {
    // Only root runs PostgreSQL as another user; anyone else owns the cluster and has nothing to work around.
    assumeTrue(new UnixSystem().getUid() == 0 && PostgresSettings.installedBinaries().isPresent(),
        "needs root and an installed PostgreSQL");
    // Like a clone in root's home folder, or a mktemp -d folder: mode 700, owned by root.
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
    Path data = dataDir.resolve("komar-data");
    ListAppender<ILoggingEvent> said = new ListAppender<>();
    said.start();
    Logger komar = (Logger) LoggerFactory.getLogger("org.komar");
    komar.addAppender(said);
    try (LocalPlatform platform = new LocalPlatform(settings(Map.of("KOMAR_DATA_DIR", data.toString())))) {
      platform.startInfrastructure(false);

      assertThat(platform.postgres().answers()).isTrue();
      Path cluster = Files.readSymbolicLink(data.resolve("postgres"));
      assertThat(cluster.getFileName().toString()).startsWith("komar-postgres-");
      assertThat(said.list).map(ILoggingEvent::getFormattedMessage)
          .filteredOn(line -> line.startsWith("PostgreSQL: data in "))
          .containsExactly("PostgreSQL: data in " + cluster + " (the user 'postgres' cannot enter " + dataDir + ")");
      // ./komar looks for a server left running here.
      assertThat(data.resolve("postgres/data/postmaster.pid")).exists();
    } finally {
      komar.detachAppender(said);
      deleteMovedCluster(data);
    }
  }

  /** A cluster moved out of the data folder, which holds only the link to it. */
  private static void deleteMovedCluster(Path data) throws IOException {
    Path link = data.resolve("postgres");
    if (Files.isSymbolicLink(link)) {
      Folders.deleteWhatCan(link.toRealPath());
    }
  }

  private static List<String> readAll(LocalPlatform platform, String topic) {
    try (var consumer = new KafkaConsumer<>(ClientSettings.plus(platform.kafka().clientSettings(),
        "group.id", "restart-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<String> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
      }
      // Whatever else is there (a second seeding) must show too.
      consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
      return values;
    }
  }

  @Test
  void shouldNameTheSettingToChangeWhenAPortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        LocalPlatform platform = new LocalPlatform(settings(Map.of(
            "KOMAR_DB_PORT", Integer.toString(taken.getLocalPort()))))) {
      assertThatThrownBy(platform::startInfrastructure)
          .isInstanceOf(InfraException.class)
          .hasMessageContaining("KOMAR_DB_PORT")
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
  }

  @Test
  void shouldNameTheSettingThatIsNotANumber() {
    assertThatThrownBy(() -> settings(Map.of("KOMAR_TOPIC_PARTITIONS", "three")))
        .isInstanceOf(InfraException.class)
        .hasMessageContaining("KOMAR_TOPIC_PARTITIONS")
        .hasMessageContaining("three");
  }

  @Test
  void shouldPassKafkaSecuritySettingsOnWithoutPrintingThem() {
    String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"komar\""
        + " password=\"s3cret-canary\";";
    PlatformSettings settings = PlatformSettings.fromEnvironment(Path.of("/opt/komar"), Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "kafka-1.example.org:9093",
        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
        "KAFKA_SASL_JAAS_CONFIG", jaas,
        "DB_PASSWORD", "db-canary"));

    assertThat(settings.externalKafka().orElseThrow().clientSettings()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", jaas);
    assertThat(settings.toString()).doesNotContain("s3cret-canary").doesNotContain("db-canary");
  }

  @Test
  void shouldUseAnExternalKafkaRegistryAndDatabaseWhenTheyAreConfigured() {
    PlatformSettings settings = PlatformSettings.fromEnvironment(Path.of("/opt/komar"), Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "kafka-1.example.org:9092",
        "SCHEMA_REGISTRY_URL", "https://registry.example.org/apis/registry/v3",
        "KOMAR_DB_HOST", "db.example.org",
        "DB_PASSWORD", "from-a-secret"));

    assertThat(settings.externalKafka()).hasValueSatisfying(kafka ->
        assertThat(kafka.bootstrapServers()).isEqualTo("kafka-1.example.org:9092"));
    assertThat(settings.externalRegistry()).contains("https://registry.example.org/apis/registry/v3");
    assertThat(settings.externalDbHost()).contains("db.example.org");
    assertThat(settings.dbPort()).isEqualTo(5432);
    assertThat(settings.dataDir()).isEqualTo(Path.of("/opt/komar/.komar-data"));
  }
}
