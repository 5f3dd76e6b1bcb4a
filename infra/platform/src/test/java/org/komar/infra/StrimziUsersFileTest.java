package org.komar.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.komar.schemas.KafkaPrincipal;

/**
 * The {@code KafkaUser}s Kubernetes applies are {@link StrimziUsers}, written out from the topic catalogue: never
 * edited by hand. When the catalogue changes, this test fails and leaves the new file in {@code target/}.
 */
class StrimziUsersFileTest {

  @Test
  void shouldBeTheCatalogueWrittenOut() throws Exception {
    GeneratedFiles.assertWrittenOut("kafka-users.yaml", StrimziUsers.yaml("komar"));
  }

  @Test
  void shouldGiveEachServiceAUserWithOnlyItsOwnEntries() {
    String yaml = StrimziUsers.yaml("komar");
    for (KafkaPrincipal principal : KafkaPrincipal.values()) {
      assertThat(yaml).contains("  name: " + principal.username() + "\n");
    }
    String vault = yaml.substring(yaml.indexOf("name: vault-service"));
    assertThat(vault).contains("name: audit-events\n          patternType: literal\n        operations:\n"
        + "          - Write");
    String routing = yaml.substring(yaml.indexOf("name: routing-service"), yaml.indexOf("name: notification-service"));
    assertThat(routing).doesNotContain("name: audit-events\n").contains("type: transactionalId");
  }
}
