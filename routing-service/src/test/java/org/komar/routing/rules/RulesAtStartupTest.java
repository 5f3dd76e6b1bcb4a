package org.komar.routing.rules;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesAtStartupTest {

  @Test
  void shouldRefuseToStartOnARuleItCannotRead(@TempDir Path folder) throws Exception {
    Path rules = Files.writeString(folder.resolve("rules.json"), """
        {"rules": [{"name": "police-by-pigeon", "on": "INTAKE", "service": "POLICE", "when": {},
                    "priority": 1, "deadline": "by Friday"}]}""");

    assertThatThrownBy(() -> {
      try (ApplicationContext context = ApplicationContext.run(Map.of("komar.routing.rules-file", rules.toString()))) {
        context.getBean(RoutingRules.class);
      }
    }).rootCause().hasMessageContaining("rule \"police-by-pigeon\"").hasMessageContaining("ISO-8601");
  }
}
