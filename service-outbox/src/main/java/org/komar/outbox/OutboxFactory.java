package org.komar.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.komar.schemas.serde.KomarSerdes;
import org.komar.schemas.kafka.KafkaClients;

/** The relay, built from the same Kafka and registry settings as the rest of the service; started at start-up. */
@Factory
public class OutboxFactory {

  @Singleton
  @Bean(preDestroy = "close")
  @Requires(property = "komar.outbox.relay.enabled", notEquals = "false")
  OutboxRelay outboxRelay(TransactionOperations<Connection> transactions,
      @Value("${kafka.bootstrap.servers}") String bootstrapServers,
      @Value("${kafka.security.protocol:PLAINTEXT}") String securityProtocol,
      @Value("${kafka.sasl.mechanism:GSSAPI}") String saslMechanism,
      @Value("${kafka.sasl.jaas.config:}") String saslJaasConfig,
      @Value("${komar.schema-registry.url}") String registryUrl,
      @Value("${komar.outbox.batch-size:500}") int batchSize,
      @Value("${komar.outbox.idle-poll:100ms}") Duration idlePoll,
      @Value("${komar.outbox.keep-sent:1h}") Duration keepSent,
      @Value("${micronaut.application.name}") String service,
      MeterRegistry metrics) {
    Map<String, Object> client = KafkaClients.connection(bootstrapServers, securityProtocol, saslMechanism,
        saslJaasConfig);
    client.put("client.id", service + "-outbox-relay");
    return new OutboxRelay(transactions, OutboxRelay.producer(client, new KomarSerdes(registryUrl).valueSerializer()),
        "/komar/" + service, batchSize, idlePoll, metrics).keepingSentFor(keepSent);
  }

  /** Starts the relay once the service is up. */
  @Singleton
  static final class Starter {

    private final io.micronaut.context.BeanProvider<OutboxRelay> relay;

    Starter(io.micronaut.context.BeanProvider<OutboxRelay> relay) {
      this.relay = relay;
    }

    @EventListener
    void onStartup(StartupEvent event) {
      relay.ifPresent(OutboxRelay::start);
    }
  }
}
