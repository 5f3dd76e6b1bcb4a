package org.komar.infra;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.komar.schemas.KafkaPrincipal;

/**
 * The logins of a Kafka cluster that Komar secures: SASL/SCRAM-SHA-512 for every client, one user per service
 * ({@link KafkaPrincipal}) and the administrator that provisions topics, logins and access lists; the controllers
 * talk to each other and to the brokers with a login of their own (SASL/PLAIN: KRaft keeps SCRAM credentials in
 * the metadata the controllers serve, so it cannot use them for itself). Every request then passes the access
 * lists ({@link KafkaAccess}); a client without a login is disconnected, and one without an entry is refused.
 *
 * <p>Passwords are generated (base64url, 32 bytes) or given by whoever runs the cluster; either way they never
 * appear in {@link #toString()}.
 */
public final class KafkaLogins {

  /** The administrator: provisioning and the platform's own checks, never a service. */
  public static final String ADMIN = "komar-admin";
  /** The controllers' login on the controller listener. */
  public static final String CONTROLLER = "komar-controller";
  public static final String MECHANISM = "SCRAM-SHA-512";
  public static final String PROTOCOL = "SASL_PLAINTEXT";
  /** Kafka's default and the least RFC 7677 allows: each login costs this many hashes on both sides. */
  public static final int SCRAM_ITERATIONS = 4096;

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_\\-.~+/=]{16,}");

  private final String adminPassword;
  private final String controllerPassword;
  private final Map<KafkaPrincipal, String> passwords;

  private KafkaLogins(String adminPassword, String controllerPassword, Map<KafkaPrincipal, String> passwords) {
    this.adminPassword = checked(ADMIN, adminPassword);
    this.controllerPassword = checked(CONTROLLER, controllerPassword);
    Map<KafkaPrincipal, String> all = new EnumMap<>(KafkaPrincipal.class);
    for (KafkaPrincipal principal : KafkaPrincipal.values()) {
      all.put(principal, checked(principal.username(), passwords.get(principal)));
    }
    this.passwords = Map.copyOf(all);
  }

  /** Fresh random passwords for every login: for a cluster that lives as long as a test run. */
  public static KafkaLogins generate() {
    return fromSecrets(name -> randomPassword());
  }

  /** Each login's password from {@code secretOf}, asked by user name ({@code komar-admin}, {@code routing-service}). */
  public static KafkaLogins fromSecrets(Function<String, String> secretOf) {
    Map<KafkaPrincipal, String> passwords = new EnumMap<>(KafkaPrincipal.class);
    for (KafkaPrincipal principal : KafkaPrincipal.values()) {
      passwords.put(principal, secretOf.apply(principal.username()));
    }
    return new KafkaLogins(secretOf.apply(ADMIN), secretOf.apply(CONTROLLER), passwords);
  }

  public static String randomPassword() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static String checked(String user, String password) {
    if (password == null || !SAFE.matcher(password).matches()) {
      // A quote or backslash would end the JAAS value early; a short one is too easy to guess.
      throw new InfraException("The Kafka password of " + user + " must be at least 16 characters of A-Z, a-z, 0-9 and "
          + "_-.~+/=");
    }
    return password;
  }

  /** The password of a service's login. */
  public String passwordOf(KafkaPrincipal principal) {
    return passwords.get(principal);
  }

  public String adminPassword() {
    return adminPassword;
  }

  /** The client settings of the administrator on {@code bootstrapServers}. */
  public Map<String, Object> adminSettings(String bootstrapServers) {
    return adminSettings(bootstrapServers, adminPassword);
  }

  /** The administrator's client settings, for a tool that knows its password only. */
  public static Map<String, Object> adminSettings(String bootstrapServers, String adminPassword) {
    return clientSettings(bootstrapServers, ADMIN, checked(ADMIN, adminPassword));
  }

  private static Map<String, Object> clientSettings(String bootstrapServers, String user, String password) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("bootstrap.servers", bootstrapServers);
    settings.put("security.protocol", PROTOCOL);
    settings.put("sasl.mechanism", MECHANISM);
    settings.put("sasl.jaas.config", scramJaas(user, password));
    return settings;
  }

  /**
   * Client settings as the environment a service reads them from ({@code application.yml}): {@code
   * KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM} and {@code
   * KAFKA_SASL_JAAS_CONFIG}.
   */
  public static Map<String, String> environment(Map<String, Object> clientSettings) {
    Map<String, String> environment = new LinkedHashMap<>();
    Map.of("bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS", "security.protocol", "KAFKA_SECURITY_PROTOCOL",
        "sasl.mechanism", "KAFKA_SASL_MECHANISM", "sasl.jaas.config", "KAFKA_SASL_JAAS_CONFIG")
        .forEach((setting, variable) -> {
          if (clientSettings.get(setting) != null) {
            environment.put(variable, clientSettings.get(setting).toString());
          }
        });
    return environment;
  }

  /** A SCRAM login as Kafka's clients read it from {@code sasl.jaas.config}. */
  public static String scramJaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
        + password + "\";";
  }

  /**
   * The broker settings that make {@code clientListener} take SCRAM logins only, {@code controllerListener} the
   * controllers' own login, and every request pass the access lists, nobody allowed what no entry allows. The
   * administrator and the controllers are the only super users. The listener map and addresses are the caller's.
   */
  public Map<String, String> brokerSettings(String clientListener, String controllerListener) {
    String client = "listener.name." + clientListener.toLowerCase(java.util.Locale.ROOT) + ".";
    String controller = "listener.name." + controllerListener.toLowerCase(java.util.Locale.ROOT) + ".";
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("sasl.enabled.mechanisms", MECHANISM);
    // PLAIN too, for the administrator alone: librdkafka before 2.6.1 (Debian bookworm's 2.0.2, so its kcat and
    // confluent-kafka-python) fails SCRAM against Kafka 4 brokers, and an operator's Confluent tool must still read.
    settings.put(client + "sasl.enabled.mechanisms", MECHANISM + ",PLAIN");
    settings.put(client + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
        + " user_" + ADMIN + "=\"" + adminPassword + "\";");
    settings.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    // How a broker logs in to the others: as the administrator (a super user), whose SCRAM credential the storage
    // is formatted with, so that it exists before any broker replicates.
    settings.put(client + "scram-sha-512.sasl.jaas.config", scramJaas(ADMIN, adminPassword));
    settings.put(controller + "sasl.enabled.mechanisms", "PLAIN");
    settings.put("sasl.mechanism.controller.protocol", "PLAIN");
    settings.put(controller + "plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + CONTROLLER
            + "\" password=\"" + controllerPassword + "\" user_" + CONTROLLER + "=\"" + controllerPassword + "\";");
    settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    settings.put("allow.everyone.if.no.acl.found", "false");
    settings.put("super.users", "User:" + ADMIN + ";User:" + CONTROLLER);
    return settings;
  }

  /** Every login's password by user name, for a store of secrets. */
  public Map<String, String> byUsername() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(ADMIN, adminPassword);
    all.put(CONTROLLER, controllerPassword);
    passwords.forEach((principal, password) -> all.put(principal.username(), password));
    return all;
  }

  @Override
  public String toString() {
    return "Kafka logins of " + byUsername().keySet();
  }
}
