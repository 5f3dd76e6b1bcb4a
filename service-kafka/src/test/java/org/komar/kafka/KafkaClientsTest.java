package org.komar.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"routing-service\" password=\"p\";";

  @Test
  void shouldRefuseToStartWithoutTheServicesLoginOnASecuredCluster() {
    assertThatThrownBy(() -> KafkaClients.connection("kafka:9093", "SASL_SSL", "SCRAM-SHA-512", " "))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("KAFKA_SASL_JAAS_CONFIG");
  }

  @Test
  void shouldTrustTheBrokersCertificateAuthorityOverTls() {
    Map<String, Object> settings = KafkaClients.connection("kafka:9093", "SASL_SSL", "SCRAM-SHA-512", JAAS,
        "/var/run/komar/kafka-ca/ca.crt", "PEM");

    assertThat(settings).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("ssl.truststore.location", "/var/run/komar/kafka-ca/ca.crt")
        .containsEntry("ssl.truststore.type", "PEM");
  }

  @Test
  void shouldLeaveTrustAloneWithoutTls() {
    Map<String, Object> settings = KafkaClients.connection("127.0.0.1:19092", "SASL_PLAINTEXT", "SCRAM-SHA-512", JAAS,
        "/var/run/komar/kafka-ca/ca.crt", "PEM");

    assertThat(settings).doesNotContainKey("ssl.truststore.location");
  }
}
