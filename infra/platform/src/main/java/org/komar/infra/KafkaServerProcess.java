package org.komar.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft, combined broker and controller) in its own JVM, from the {@code kafka_2.13}
 * artifact, as the platform run uses it. Its log folder is formatted once and kept across restarts. Every client
 * logs in ({@link KafkaLogins}) and every request passes the access lists: the administrator's login is written into
 * the storage when it is formatted, and the services' logins and lists are {@link KafkaAccess#apply applied} once it
 * is up.
 */
public final class KafkaServerProcess implements KafkaCluster {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  /** Written beside the records once the storage holds the administrator's login. */
  private static final String LOGINS_MARKER = "scram-logins";
  private static final String CLIENT_LISTENER = "CLIENTS";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final ManagedProcess process;
  private final String bootstrapServers;
  private final KafkaLogins logins;

  private KafkaServerProcess(ManagedProcess process, String bootstrapServers, KafkaLogins logins) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
    this.logins = logins;
  }

  /**
   * Starts the broker with its data under {@code dataDir} ({@code logs/} for records, {@code server.properties}).
   *
   * @param brokerLib folder holding the broker's jars (see the {@code infra/kafka-broker} module)
   */
  public static KafkaServerProcess start(Path dataDir, int port, int controllerPort, Path brokerLib, Path logFile,
      List<String> jvmOptions, KafkaLogins logins) {
    if (!Files.isDirectory(brokerLib)) {
      throw new InfraException("The Kafka broker's classpath is missing at " + brokerLib
          + ": build the project first (mvn -DskipTests package).");
    }
    try {
      Files.createDirectories(dataDir);
      Path properties = dataDir.resolve("server.properties");
      Path log4j = dataDir.resolve("log4j2.properties");
      Path recordLogs = dataDir.resolve("logs");
      // The file holds the controllers' and the administrator's passwords: readable by its owner only.
      Files.deleteIfExists(properties);
      Files.createFile(properties, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      Files.writeString(properties, serverProperties(port, controllerPort, recordLogs, logins));
      try (InputStream config = KafkaServerProcess.class.getResourceAsStream("kafka-log4j2.properties")) {
        Files.copy(config, log4j, StandardCopyOption.REPLACE_EXISTING);
      }
      String classpath = brokerLib.toAbsolutePath() + "/*";
      String java = Java.executable();
      if (!Files.exists(recordLogs.resolve("meta.properties"))) {
        // A one-shot tool: the C1 compiler alone starts and finishes it sooner. The administrator's login goes into
        // the storage now, so that it exists before the broker takes its first request (the tool takes it on its
        // command line only: it runs for a second or two, on this machine's loopback platform).
        ManagedProcess.run("Kafka storage format", List.of(java, "-XX:TieredStopAtLevel=1", "-cp", classpath,
            "-Dlog4j2.configurationFile=" + log4j, "kafka.tools.StorageTool", "format",
            "-t", Uuid.randomUuid().toString(), "-c", properties.toString(),
            "--add-scram", KafkaLogins.MECHANISM + "=[name=" + KafkaLogins.ADMIN + ",password="
                + logins.adminPassword() + "]"), dataDir, logFile, Duration.ofSeconds(60));
        Files.writeString(dataDir.resolve(LOGINS_MARKER), "The storage holds " + KafkaLogins.ADMIN + "'s login.\n");
      } else if (!Files.exists(dataDir.resolve(LOGINS_MARKER))) {
        throw new InfraException("The Kafka storage in " + recordLogs + " was made before Kafka required logins, and "
            + "has no administrator to set them: its records are the local platform's sample data, so start afresh "
            + "with ./komar reset (or delete " + dataDir + ").");
      }
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(jvmOptions);
      command.addAll(List.of("-cp", classpath, "-Dlog4j2.configurationFile=" + log4j,
          "kafka.Kafka", properties.toString()));
      ManagedProcess process = ManagedProcess.start("Kafka broker", command, Map.of(), dataDir, logFile);
      KafkaServerProcess broker = new KafkaServerProcess(process, Ports.LOOPBACK + ":" + port, logins);
      try {
        process.awaitReady(READY_TIMEOUT,
            () -> KafkaCluster.answers(broker.clientSettings(), Duration.ofSeconds(2)));
      } catch (RuntimeException e) {
        process.close();
        throw e;
      }
      return broker;
    } catch (IOException e) {
      throw new InfraException("Could not prepare the Kafka broker's folder " + dataDir + ": " + e.getMessage(), e);
    }
  }

  static String serverProperties(int port, int controllerPort, Path recordLogs, KafkaLogins logins) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("process.roles", "broker,controller");
    settings.put("node.id", "1");
    settings.put("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort);
    settings.put("listeners", CLIENT_LISTENER + "://" + Ports.LOOPBACK + ":" + port
        + "," + CONTROLLER_LISTENER + "://" + Ports.LOOPBACK + ":" + controllerPort);
    settings.put("advertised.listeners", CLIENT_LISTENER + "://" + Ports.LOOPBACK + ":" + port);
    settings.put("controller.listener.names", CONTROLLER_LISTENER);
    settings.put("inter.broker.listener.name", CLIENT_LISTENER);
    settings.put("listener.security.protocol.map", CONTROLLER_LISTENER + ":" + KafkaLogins.PROTOCOL + ","
        + CLIENT_LISTENER + ":" + KafkaLogins.PROTOCOL);
    settings.putAll(logins.brokerSettings(CLIENT_LISTENER, CONTROLLER_LISTENER));
    settings.put("log.dirs", recordLogs.toAbsolutePath().toString());
    settings.putAll(new java.util.TreeMap<>(SINGLE_BROKER_SETTINGS));
    return settings.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n", "# Written by Komar's local platform on every start.\n", "\n"));
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public KafkaLogins logins() {
    return logins;
  }

  public ManagedProcess process() {
    return process;
  }

  @Override
  public void close() {
    // A controlled shutdown of a single KRaft node takes a few seconds; give it time to close its logs cleanly.
    process.stop(Duration.ofSeconds(60));
  }
}
