package org.komar.infra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.komar.infra.GeneratedFiles;

/**
 * The realm file that docker-compose and Kubernetes import is {@link KomarRealm#forDeployment}, written out: never
 * edited by hand. When the definition changes, this test fails and leaves the new file in {@code target/}.
 */
class RealmFileTest {

  private static final Path FILE = Path.of("..", "k8s", "keycloak-realm.json");

  @Test
  void shouldBeTheRealmDefinitionWrittenOut() throws Exception {
    GeneratedFiles.assertWrittenOut("keycloak-realm.json", new ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(KomarRealm.forDeployment()) + "\n");
  }

  @Test
  void shouldHoldNoSecretOfItsOwn() throws Exception {
    String file = Files.readString(FILE, StandardCharsets.UTF_8);

    assertThat(file).contains("${" + KomarRealm.secretVariable(KomarRealm.CONSOLE) + "}")
        .doesNotContain("\"credentials\"").doesNotContain(KomarRealm.LOCAL_CLI);
  }
}
