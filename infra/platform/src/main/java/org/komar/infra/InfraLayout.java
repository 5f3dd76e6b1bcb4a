package org.komar.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where this build put the pieces the platform runs from: the unpacked Apicurio Registry and Keycloak
 * distributions and the Kafka broker's classpath. Environment variables override each, for a copy unpacked
 * elsewhere.
 */
public record InfraLayout(Path apicurioHome, Path keycloakHome, Path kafkaBrokerLib) {

  public static InfraLayout fromBuild() {
    Properties layout = new Properties();
    try (InputStream in = InfraLayout.class.getResourceAsStream("layout.properties")) {
      if (in == null) {
        throw new InfraException("org/komar/infra/layout.properties is missing from the classpath");
      }
      layout.load(in);
    } catch (IOException e) {
      throw new InfraException("Could not read the build layout: " + e.getMessage(), e);
    }
    return new InfraLayout(
        Path.of(setting("KOMAR_APICURIO_HOME", layout.getProperty("apicurio.home"))).normalize(),
        Path.of(setting("KOMAR_KEYCLOAK_HOME", layout.getProperty("keycloak.home"))).normalize(),
        Path.of(setting("KOMAR_KAFKA_BROKER_LIB", layout.getProperty("kafka.broker.lib"))).normalize());
  }

  private static String setting(String variable, String fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : value;
  }
}
