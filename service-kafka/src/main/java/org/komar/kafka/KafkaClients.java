package org.komar.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * The connection settings every Kafka client of Komar starts from, read from the same settings in every service
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_SECURITY_PROTOCOL}, for SASL {@code KAFKA_SASL_MECHANISM} and
 * {@code KAFKA_SASL_JAAS_CONFIG}, and for TLS the brokers' certificate authority, {@code
 * KAFKA_SSL_TRUSTSTORE_LOCATION} and {@code KAFKA_SSL_TRUSTSTORE_TYPE}), so that a client added later cannot forget
 * the secured cluster's login.
 */
public final class KafkaClients {

  private KafkaClients() {
  }

  /** A mutable map: callers add their own client settings to it. */
  public static Map<String, Object> connection(String bootstrapServers, String securityProtocol,
      String saslMechanism, String saslJaasConfig) {
    return connection(bootstrapServers, securityProtocol, saslMechanism, saslJaasConfig, "", "");
  }

  /**
   * The same, trusting the brokers' certificates from {@code truststoreLocation} (of {@code truststoreType}: {@code
   * PEM} for a CA certificate file, such as the one Strimzi publishes) when the protocol is TLS; blank for the JVM's.
   */
  public static Map<String, Object> connection(String bootstrapServers, String securityProtocol,
      String saslMechanism, String saslJaasConfig, String truststoreLocation, String truststoreType) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("bootstrap.servers", bootstrapServers);
    settings.put("security.protocol", securityProtocol);
    if (securityProtocol.startsWith("SASL")) {
      if (saslJaasConfig == null || saslJaasConfig.isBlank()) {
        // Said here, at start, rather than by the first client as an unreadable JAAS error.
        throw new IllegalStateException("KAFKA_SECURITY_PROTOCOL is " + securityProtocol
            + ": set KAFKA_SASL_JAAS_CONFIG to this service's Kafka login");
      }
      settings.put("sasl.mechanism", saslMechanism);
      settings.put("sasl.jaas.config", saslJaasConfig);
    }
    if (securityProtocol.endsWith("SSL") && truststoreLocation != null && !truststoreLocation.isBlank()) {
      settings.put("ssl.truststore.location", truststoreLocation);
      settings.put("ssl.truststore.type", truststoreType == null || truststoreType.isBlank() ? "PEM" : truststoreType);
    }
    return settings;
  }
}
