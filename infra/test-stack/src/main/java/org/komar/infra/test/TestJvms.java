package org.komar.infra.test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The options of every JVM the test stack starts (services, brokers, the registry): tests run on two cores, where
 * a JVM's start-up and its C2 compiler cost more than the few seconds it then runs. So the test JVMs compile with
 * C1 only and collect with the serial collector. Each also keeps a class-data archive of its main class and class
 * path, which every later JVM of the build with the same class path maps instead of loading, parsing and verifying
 * every class again: half a service's start-up. The class path must be of jars only ({@link ClassPathJars}).
 */
public final class TestJvms {

  /** For any JVM a test starts: quick to start, cheap to run for seconds. */
  public static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private TestJvms() {
  }

  /** {@link #SHORT_LIVED} with {@code heap}'s maximum. */
  public static List<String> shortLived(String maxHeap) {
    List<String> options = new ArrayList<>(List.of("-Xmx" + maxHeap));
    options.addAll(SHORT_LIVED);
    return List.copyOf(options);
  }

  /**
   * {@link #shortLived} plus a dynamic class-data archive for this main class and class path in {@code folder}:
   * written when the JVM first exits normally, used (and re-made if stale) by every later start with the same
   * class path, whichever test module starts it.
   */
  static List<String> archived(String maxHeap, String mainClass, String classPath, Path folder) {
    List<String> options = new ArrayList<>(shortLived(maxHeap));
    options.addAll(org.komar.infra.Java.classDataArchive(folder.resolve(mainClass + "-" + digest(classPath)
        + ".jsa")));
    return List.copyOf(options);
  }

  /**
   * For a Kafka broker of the build's classpath ({@code infra/kafka-broker/target/lib}): {@link #shortLived} plus
   * the class-data archive that every test broker of the build shares, next to that classpath.
   */
  public static List<String> broker(String maxHeap) {
    Path lib = org.komar.infra.InfraLayout.fromBuild().kafkaBrokerLib();
    return archived(maxHeap, "kafka.Kafka", lib.toString(), lib.resolveSibling("cds"));
  }

  /** For the schema registry of the build: {@link #shortLived} plus the registry's class-data archive. */
  public static List<String> registry(String maxHeap) {
    Path home = org.komar.infra.InfraLayout.fromBuild().apicurioHome();
    return archived(maxHeap, "apicurio-registry", home.resolve("quarkus-run.jar").toString(),
        home.resolveSibling("cds"));
  }

  /**
   * For Keycloak of the build: {@link #shortLived} plus its class-data archive, which spares every later Keycloak
   * of the build most of its class loading.
   */
  public static List<String> keycloak() {
    Path home = org.komar.infra.InfraLayout.fromBuild().keycloakHome();
    List<String> options = new ArrayList<>(List.of("-Xms64m"));
    options.addAll(archived("256m", "keycloak", home.resolve("lib").resolve("quarkus-run.jar").toString(),
        home.resolveSibling("keycloak-cds")));
    return List.copyOf(options);
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
