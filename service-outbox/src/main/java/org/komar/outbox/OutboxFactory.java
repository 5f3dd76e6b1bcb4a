package org.komar.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import org.komar.kafka.KomarKafka;

/** The relay, built from the same Kafka and registry settings as the rest of the service; started at start-up. */
@Factory
public class OutboxFactory {

  @Singleton
  @Bean(preDestroy = "close")
  @Requires(property = "komar.outbox.relay.enabled", notEquals = "false")
  OutboxRelay outboxRelay(TransactionOperations<Connection> transactions, KomarKafka kafka,
      @Value("${komar.outbox.batch-size:500}") int batchSize,
      @Value("${komar.outbox.idle-poll:100ms}") Duration idlePoll,
      @Value("${komar.outbox.keep-sent:1h}") Duration keepSent,
      MeterRegistry metrics) {
    return new OutboxRelay(transactions, kafka.producer("outbox-relay", OutboxRelay.producerSettings()),
        batchSize, idlePoll, metrics).keepingSentFor(keepSent);
  }

  /** Starts the relay once the service is up. */
  @Singleton
  static final class Starter {

    private final BeanProvider<OutboxRelay> relay;

    Starter(BeanProvider<OutboxRelay> relay) {
      this.relay = relay;
    }

    @EventListener
    void onStartup(StartupEvent event) {
      relay.ifPresent(OutboxRelay::start);
    }
  }
}
