package org.komar.notification.send;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.komar.events.NotificationChannel;
import org.komar.http.AccessRefusedException;
import org.komar.http.vault.CaseErasedException;
import org.komar.notification.store.Deliveries;
import org.komar.notification.store.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what is due, lane by lane. Each lane (a webhook URL, the SMS gateway, the SMTP server) has its own
 * in-flight limit and circuit breaker, and each batch takes at most that many of a lane's messages, so a slow or
 * dead agency endpoint only ever holds up its own messages. An attempt is counted and leased when it starts: an
 * instance that dies mid-send leaves the message to be sent again once the lease ends, with the same id, which
 * receivers use to drop the repeat. A failed attempt waits its backoff; after the last attempt, the message is
 * failed for good ({@link Outcomes}).
 */
@Singleton
@Requires(property = "komar.notification.worker.enabled", notEquals = "false")
public final class DeliveryWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  private final Deliveries deliveries;
  private final TransactionOperations<Connection> transactions;
  private final Map<NotificationChannel, Channel> channels = new EnumMap<>(NotificationChannel.class);
  private final Messages messages;
  private final Outcomes outcomes;
  private final DueSignal signal;
  private final CircuitBreakers breakers;
  private final int laneConcurrency;
  private final Duration pollInterval;
  /** How long an attempt owns its message: longer than any channel's timeout. */
  private final Duration lease;
  private final Map<String, Semaphore> lanes = new ConcurrentHashMap<>();
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private final Timer sendTime;
  private volatile boolean running;
  private Thread poller;

  DeliveryWorker(Deliveries deliveries, TransactionOperations<Connection> transactions, List<Channel> channels,
      Messages messages, Outcomes outcomes, DueSignal signal, MeterRegistry metrics,
      @Value("${komar.notification.lane-concurrency:4}") int laneConcurrency,
      @Value("${komar.notification.breaker-failures:5}") int breakerFailures,
      @Value("${komar.notification.breaker-open-for:30s}") Duration breakerOpenFor,
      @Value("${komar.notification.poll-interval:100ms}") Duration pollInterval,
      @Value("${komar.notification.lease:60s}") Duration lease) {
    this.deliveries = deliveries;
    this.transactions = transactions;
    channels.forEach(channel -> this.channels.put(channel.kind(), channel));
    this.messages = messages;
    this.outcomes = outcomes;
    this.signal = signal;
    this.breakers = new CircuitBreakers(breakerFailures, breakerOpenFor, Clock.systemUTC());
    this.laneConcurrency = laneConcurrency;
    this.pollInterval = pollInterval;
    this.lease = lease;
    this.sendTime = Timer.builder("komar.notification.send").description("One attempt to send a message")
        .publishPercentiles(0.5, 0.99).register(metrics);
  }

  @EventListener
  void onStartup(StartupEvent event) {
    start();
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    poller = Thread.ofPlatform().name("delivery-worker").daemon().start(() -> {
      while (running) {
        try {
          if (sendDue() == 0) {
            signal.await(pollInterval);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          LOG.warn("Could not take due messages ({}); trying again", e.getClass().getSimpleName());
          sleepQuietly(Duration.ofSeconds(1));
        }
      }
    });
  }

  /** Claims what may go now and hands it to the senders; returns how many were started. */
  int sendDue() {
    List<Delivery> started = transactions.executeWrite(status -> {
      Map<String, List<Delivery>> byLane = new LinkedHashMap<>();
      for (Delivery due : deliveries.due(laneConcurrency)) {
        byLane.computeIfAbsent(due.lane(), lane -> new ArrayList<>()).add(due);
      }
      List<Delivery> go = new ArrayList<>();
      Map<Instant, List<UUID>> later = new LinkedHashMap<>();
      byLane.forEach((lane, due) -> {
        var openUntil = breakers.openUntil(lane);
        int admitted = openUntil.isPresent() ? 0 : breakers.admit(lane, due.size());
        Semaphore permits = lanes.computeIfAbsent(lane, any -> new Semaphore(laneConcurrency));
        int taken = 0;
        while (taken < admitted && permits.tryAcquire()) {
          go.add(due.get(taken++));
        }
        Instant retry = openUntil.orElse(Instant.now().plus(pollInterval));
        due.subList(taken, due.size()).forEach(rest -> later.computeIfAbsent(retry, when -> new ArrayList<>())
            .add(rest.id()));
      });
      deliveries.claim(go.stream().map(Delivery::id).toList(), Instant.now().plus(lease));
      later.forEach((when, ids) -> deliveries.postpone(ids, when));
      return go;
    });
    started.forEach(delivery -> senders.submit(() -> attempt(delivery)));
    return started.size();
  }

  private void attempt(Delivery delivery) {
    long start = System.nanoTime();
    Channel.Result result;
    Channel channel = channels.get(delivery.channel());
    try {
      // A channel that cannot send here fails before the message is prepared: no reporter number is opened for it.
      result = channel.unavailable().<Channel.Result>map(reason -> new Channel.Result.Failed(false, reason))
          .orElseGet(() -> channel.send(messages.of(delivery)));
    } catch (Messages.Unsendable e) {
      result = new Channel.Result.Failed(false, "cannot be sent: " + e.getMessage());
    } catch (CaseErasedException e) {
      // Nothing of an erased case opens again: trying later would only ask the vault again, in vain.
      result = new Channel.Result.Failed(false, "cannot be sent: the case was erased");
    } catch (AccessRefusedException e) {
      result = new Channel.Result.Failed(false, "cannot be sent: the vault refused to open the contact");
    } catch (RuntimeException e) {
      result = new Channel.Result.Failed(true, "could not be prepared (" + e.getClass().getSimpleName() + ")");
    } finally {
      lanes.get(delivery.lane()).release();
      sendTime.record(Duration.ofNanos(System.nanoTime() - start));
    }
    try {
      switch (result) {
        case Channel.Result.Sent sent -> {
          breakers.succeeded(delivery.lane());
          outcomes.delivered(delivery);
        }
        case Channel.Result.Failed failed -> {
          breakers.failed(delivery.lane());
          outcomes.failedAttempt(delivery, failed);
        }
      }
    } catch (RuntimeException e) {
      // The outcome could not be recorded: the lease ends and the message goes again, as the same message.
      LOG.warn("Could not record the outcome of notification {} ({})", delivery.id(), e.getClass().getSimpleName());
    }
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  @Override
  public synchronized void close() {
    running = false;
    if (poller != null) {
      poller.interrupt();
    }
    senders.shutdown();
  }
}
