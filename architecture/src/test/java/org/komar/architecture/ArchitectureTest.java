package org.komar.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape the modules keep, read from their compiled classes: the contract carries no key custody and no client,
 * no service reaches into another, and a service builds its Kafka clients and serdes only through {@code
 * KomarKafka}. A module that breaks one of these fails the build here, naming the class.
 */
class ArchitectureTest {

  private static final List<String> MODULES = List.of("schemas", "vault", "service-kafka", "service-http",
      "service-outbox", "infra/platform", "vault-service", "intake-service", "routing-service",
      "notification-service", "console", "reporting-service");
  private static final List<String> SERVICES = List.of("org.komar.vault.service..", "org.komar.intake..",
      "org.komar.routing..", "org.komar.notification..", "org.komar.console..", "org.komar.reporting..");
  /** Built only by KomarKafka; Kafka Streams is built by routing's runner, from KomarKafka's settings. */
  private static final Set<String> WIRED_IN_ONE_PLACE = Set.of("org.apache.kafka.clients.producer.KafkaProducer",
      "org.apache.kafka.clients.consumer.KafkaConsumer", "org.komar.schemas.serde.KomarSerdes",
      "org.komar.kafka.DeadLetterParking", "io.apicurio.registry.serde.avro.AvroKafkaSerializer",
      "io.apicurio.registry.serde.avro.AvroKafkaDeserializer");

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<Path> folders = MODULES.stream().map(module -> root.resolve(module).resolve("target/classes")).toList();
    assertThat(folders).as("the modules are built before journey").allMatch(Files::isDirectory);
    classes = new ClassFileImporter().importPaths(folders);
  }

  @Test
  void shouldKeepTheContractFreeOfKeysClientsAndFrameworks() {
    noClasses().that().resideInAnyPackage("org.komar.schemas..", "org.komar.events..")
        .should().dependOnClassesThat().resideInAnyPackage("com.google.crypto.tink..", "org.komar.vault..",
            "org.komar.kafka..", "org.komar.http..", "org.komar.outbox..", "io.micronaut..")
        .check(classes);
  }

  @Test
  void shouldShipThePlatformWithoutTestLibraries() {
    noClasses().that().resideInAPackage("org.komar.infra..")
        .should().dependOnClassesThat().resideInAnyPackage("org.komar.infra.test..", "org.junit..",
            "org.apache.kafka.common.test..", "com.nimbusds..")
        .check(classes);
  }

  @Test
  void shouldLetNoServiceSignAToken() {
    // Tokens come from Keycloak only: a service that could sign one could pass as anyone.
    noClasses().that().resideInAnyPackage(SERVICES.toArray(String[]::new))
        .or().resideInAnyPackage("org.komar.http..", "org.komar.kafka..", "org.komar.outbox..")
        .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.security.token.generator..",
            "io.micronaut.security.token.jwt.signature.secret..", "com.nimbusds.jose.crypto..")
        .check(classes);
  }

  @Test
  void shouldKeepTinkInsideTheVault() {
    noClasses().that().resideOutsideOfPackage("org.komar.vault..")
        .should().dependOnClassesThat().resideInAPackage("com.google.crypto.tink..")
        .check(classes);
  }

  @Test
  void shouldLeaveKeyCustodyToTheVaultService() {
    // Only vault-service holds the key-encryption key and the cases' data keys: every other service seals and opens
    // through its API (VaultClient), so that none of them, broken into, holds a key.
    noClasses().that().resideOutsideOfPackage("org.komar.vault..")
        .should().dependOnClassesThat().resideInAPackage("org.komar.vault..")
        .check(classes);
  }

  @Test
  void shouldKeepEachServiceOutOfTheOthers() {
    for (String service : SERVICES) {
      noClasses().that().resideInAPackage(service)
          .should().dependOnClassesThat().resideInAnyPackage(SERVICES.stream().filter(other -> !other.equals(service))
              .toArray(String[]::new))
          .check(classes);
    }
  }

  @Test
  void shouldKeepThePublicPageAwayFromKafkaTheVaultAndTheServicesWiring() {
    // The one part anyone on the internet talks to records reports through intake's API and does nothing else:
    // broken into, it holds no Kafka client, no vault client and no other service's code to turn against a child.
    noClasses().that().resideInAPackage("org.komar.reporting..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.komar.kafka..",
            "org.komar.http..", "org.komar.outbox..", "io.apicurio..")
        .check(classes);
  }

  @Test
  void shouldBuildKafkaClientsAndSerdesOnlyInTheWiringPlace() {
    // The services' wiring; the platform (provisioning, sample data) is no service and builds its own clients.
    noClasses().that().resideOutsideOfPackage("org.komar.kafka..")
        .and().resideOutsideOfPackage("org.komar.schemas..")
        .and().resideOutsideOfPackage("org.komar.infra..")
        .should().callConstructorWhere(new DescribedPredicate<JavaConstructorCall>(
            "the constructor of a Kafka client, dead-letter parking or Komar's serdes") {
          @Override
          public boolean test(JavaConstructorCall call) {
            return WIRED_IN_ONE_PLACE.contains(call.getTargetOwner().getFullName());
          }
        })
        .check(classes);
  }
}
