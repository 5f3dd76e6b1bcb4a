package org.komar.infra.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.komar.infra.InfraException;
import org.komar.infra.test.TestStackFiles;
import org.komar.schemas.Topics;
import org.komar.schemas.registry.SchemaRegistryClient;

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
    TestStackFiles.deleteRecursively(dataDir);
  }

  private PlatformSettings settings(Map<String, String> overrides) {
    Map<String, String> environment = new HashMap<>(Map.of(
        "KOMAR_DATA_DIR", dataDir.toString(),
        "KOMAR_KAFKA_PORT", "0",
        "KOMAR_KAFKA_CONTROLLER_PORT", "0",
        "KOMAR_REGISTRY_PORT", "0",
        "KOMAR_REGISTRY_MANAGEMENT_PORT", "0",
        "KOMAR_DB_PORT", "0"));
    environment.putAll(overrides);
    return PlatformSettings.fromEnvironment(Path.of("..").toAbsolutePath().normalize(), environment);
  }

  @Test
  void shouldKeepSchemasAndTopicsAcrossARestart() throws Exception {
    int schemaId;
    try (LocalPlatform first = new LocalPlatform(settings(Map.of()))) {
      first.startInfrastructure();
      schemaId = new SchemaRegistryClient(first.registry().confluentCompatibleUrl()).register("ping-value", PING);
    }

    try (LocalPlatform second = new LocalPlatform(settings(Map.of()));
        HttpClient http = HttpClient.newHttpClient()) {
      second.startInfrastructure();
      HttpResponse<String> stored = http.send(HttpRequest.newBuilder(
          URI.create(second.registry().confluentCompatibleUrl() + "/schemas/ids/" + schemaId)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(stored.statusCode()).isEqualTo(200);
      assertThat(stored.body()).contains("org.komar.test").contains("Ping");
      try (Admin admin = Admin.create(second.kafka().clientSettings())) {
        assertThat(admin.listTopics().names().get()).contains(Topics.CASE_INTAKES.name(),
            Topics.CASE_INTAKES.deadLetter().name());
      }
    }
    assertThat(dataDir.resolve("komar.pid")).doesNotExist();
    assertThat(dataDir.resolve("secrets/db-password")).exists();
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
  void shouldUseAnExternalKafkaRegistryAndDatabaseWhenTheyAreConfigured() {
    PlatformSettings settings = PlatformSettings.fromEnvironment(Path.of("/opt/komar"), Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "kafka-1.example.org:9092",
        "SCHEMA_REGISTRY_URL", "https://registry.example.org/apis/registry/v3",
        "KOMAR_DB_HOST", "db.example.org",
        "DB_PASSWORD", "from-a-secret"));

    assertThat(settings.externalKafka()).contains("kafka-1.example.org:9092");
    assertThat(settings.externalRegistry()).contains("https://registry.example.org/apis/registry/v3");
    assertThat(settings.externalDbHost()).contains("db.example.org");
    assertThat(settings.dbPort()).isEqualTo(5432);
    assertThat(settings.dataDir()).isEqualTo(Path.of("/opt/komar/.komar-data"));
  }
}
