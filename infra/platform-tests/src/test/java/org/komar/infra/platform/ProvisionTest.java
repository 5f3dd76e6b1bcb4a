package org.komar.infra.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.komar.infra.test.KomarStackExtension;
import org.komar.infra.test.TestStack;
import org.komar.schemas.Topics;
import org.komar.infra.registry.SchemaRegistryClient;

@ExtendWith(KomarStackExtension.class)
class ProvisionTest {

  @Test
  void shouldAddWhatIsMissingToExistingInfrastructure(TestStack stack) throws Exception {
    // Given a cluster that lost one of Komar's topics, a server without the notification database, and a
    // registry without the compatibility rule
    String lost = Topics.NAP_INDICATORS.deadLetter().name();
    try (Admin admin = Admin.create(stack.kafka().clientSettings())) {
      admin.deleteTopics(List.of(lost)).all().get();
      org.awaitility.Awaitility.await().until(() -> !admin.listTopics().names().get().contains(lost));
    }
    try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl("postgres"),
        stack.postgres().username(), stack.postgres().password())) {
      connection.createStatement().execute("DROP DATABASE notification WITH (FORCE)");
    }
    SchemaRegistryClient registry = new SchemaRegistryClient(stack.registry().confluentCompatibleUrl());
    registry.setDefaultCompatibility(SchemaRegistryClient.Compatibility.NONE);

    // When provisioning runs against it, as against any external cluster, registry and database server
    Provision.run(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers(),
        "SCHEMA_REGISTRY_URL", stack.registry().registryApiUrl(),
        "KOMAR_DB_HOST", stack.postgres().host(),
        "KOMAR_DB_PORT", Integer.toString(stack.postgres().port()),
        "DB_USERNAME", stack.postgres().username(),
        "DB_PASSWORD", stack.postgres().password(),
        "KOMAR_TOPIC_PARTITIONS", "1"));

    // Then the topic, the database and the rule are back
    assertThat(registry.defaultCompatibility()).isEqualTo(SchemaRegistryClient.Compatibility.BACKWARD);
    try (Admin admin = Admin.create(stack.kafka().clientSettings())) {
      assertThat(admin.listTopics().names().get()).contains(lost);
    }
    for (String database : List.of("intake", "notification", "keycloak")) {
      try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl(database),
          stack.postgres().username(), stack.postgres().password())) {
        assertThat(connection.isValid(5)).isTrue();
      }
    }
  }
}
