package org.komar.routing.rules;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the routing rules when the service starts, so that a rule that cannot be read stops it at once with a
 * message naming the rule, not at the first intake. {@code ROUTING_RULES_FILE} replaces the shipped rules.
 */
@Factory
public class RulesFactory {

  @Context
  RoutingRules routingRules(@Value("${komar.routing.rules-file:}") String file) {
    if (file.isBlank()) {
      return RoutingRules.standard();
    }
    try {
      return RoutingRules.parse(Files.readString(Path.of(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the routing rules file " + file, e);
    }
  }
}
