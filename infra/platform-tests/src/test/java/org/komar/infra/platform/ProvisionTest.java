package org.komar.infra.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;
import org.komar.infra.KafkaAccess;
import org.komar.infra.KafkaLogins;
import org.komar.infra.test.KomarStackExtension;
import org.komar.infra.test.TestStack;
import org.komar.infra.registry.SchemaRegistryClient;
import org.komar.schemas.KafkaPrincipal;
import org.komar.schemas.Topics;

/** Alone: while it runs, it drops a topic, access lists and a database of the shared stack, and relaxes the registry. */
@ExtendWith(KomarStackExtension.class)
@Isolated("changes the shared test stack while it runs")
class ProvisionTest {

  @Test
  void shouldAddWhatIsMissingToExistingInfrastructure(TestStack stack, @TempDir Path logins) throws Exception {
    // Given a cluster that lost one of Komar's topics and notification's access lists, a server without the
    // notification database, and a registry without the compatibility rule
    String lost = Topics.NAP_INDICATORS.deadLetter().name();
    try (Admin admin = Admin.create(stack.kafka().clientSettings())) {
      admin.deleteTopics(List.of(lost)).all().get();
      org.awaitility.Awaitility.await().until(() -> !admin.listTopics().names().get().contains(lost));
      admin.deleteAcls(KafkaAccess.bindingsOf(KafkaPrincipal.NOTIFICATION).stream().map(AclBinding::toFilter)
          .toList()).all().get();
    }
    // ... and the logins handed over as files, one per user, as docker-compose mounts its secrets
    for (var login : TestStack.KAFKA_LOGINS.byUsername().entrySet()) {
      Files.writeString(logins.resolve(login.getKey()), login.getValue() + "\n");
    }
    try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl("postgres"),
        stack.postgres().username(), stack.postgres().password())) {
      connection.createStatement().execute("DROP DATABASE notification WITH (FORCE)");
    }
    SchemaRegistryClient registry = new SchemaRegistryClient(stack.registry().confluentCompatibleUrl());
    registry.setDefaultCompatibility(SchemaRegistryClient.Compatibility.NONE);

    // When provisioning runs against it, as against any external cluster, registry and database server
    Map<String, String> environment = new HashMap<>(KafkaLogins.environment(stack.kafka().clientSettings()));
    environment.putAll(Map.of(
        "KAFKA_LOGINS_DIR", logins.toString(),
        "SCHEMA_REGISTRY_URL", stack.registry().registryApiUrl(),
        "KOMAR_DB_HOST", stack.postgres().host(),
        "KOMAR_DB_PORT", Integer.toString(stack.postgres().port()),
        "DB_USERNAME", stack.postgres().username(),
        "DB_PASSWORD", stack.postgres().password(),
        "KOMAR_TOPIC_PARTITIONS", "1"));
    Provision.run(environment);

    // Then the topic, the database and the rule are back
    assertThat(registry.defaultCompatibility()).isEqualTo(SchemaRegistryClient.Compatibility.BACKWARD);
    try (Admin admin = Admin.create(stack.kafka().clientSettings())) {
      assertThat(admin.listTopics().names().get()).contains(lost);
      assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get())
          .containsAll(KafkaAccess.bindingsOf(KafkaPrincipal.NOTIFICATION));
    }
    for (String database : List.of("intake", "notification", "keycloak")) {
      try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl(database),
          stack.postgres().username(), stack.postgres().password())) {
        assertThat(connection.isValid(5)).isTrue();
      }
    }
  }
}
