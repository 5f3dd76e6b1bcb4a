package org.komar.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.komar.infra.test.RestartableStack;
import org.komar.infra.test.TestStack;

/**
 * Under a steady stream of intakes, the infrastructure fails the way deployments see it fail: the broker is
 * stopped and started again, then PostgreSQL, and the schema registry is away for longer than the services'
 * schema caches are fresh, while notification starts again with none cached. Afterwards every intake that was
 * answered 201 has exactly its referrals and notifications; nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfraFaultsTest {

  private static final Duration STEADY = Duration.ofSeconds(6);
  private static final Duration OUTAGE = Duration.ofSeconds(5);
  /**
   * How long the services trust a looked-up schema before asking the registry again ({@code SCHEMA_CHECK_PERIOD},
   * 30 s by default): shortened here, so that the registry's outage outlasts it without a long wait, and so that
   * the services look schemas up during the database's outage too, when the registry answers errors rather than
   * refusals. Both once cost a case its police referral (see {@code WholeDecisionsTest}).
   */
  private static final Duration SCHEMA_CHECK_PERIOD = Duration.ofSeconds(3);
  /** Longer than the services' schema check period, after which each cached schema is looked up again. */
  private static final Duration REGISTRY_OUTAGE = SCHEMA_CHECK_PERIOD.plusSeconds(5);

  private RestartableStack stack;
  private Platform platform;

  @BeforeAll
  void start() throws Exception {
    stack = RestartableStack.start(Path.of("target", "faults-stack"), TestStack.DATABASES);
    platform = new Platform(Platform.Infra.of("faults", stack)
        .with(Map.of("SCHEMA_CHECK_PERIOD", SCHEMA_CHECK_PERIOD.toSeconds() + "s")));
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldGiveEveryAcceptedIntakeExactlyItsReferralsAndNotificationsThroughBrokerDatabaseAndRegistryOutages()
      throws Exception {
    SteadyIntakes intakes = new SteadyIntakes(platform);
    SteadyIntakes.sleep(STEADY);

    log("stopping the broker");
    stack.stopKafka();
    SteadyIntakes.sleep(OUTAGE);
    stack.startKafka();
    log("broker started");
    SteadyIntakes.sleep(STEADY);

    log("stopping PostgreSQL");
    stack.stopPostgres();
    SteadyIntakes.sleep(OUTAGE);
    stack.startPostgres();
    log("PostgreSQL started");
    SteadyIntakes.sleep(STEADY);

    log("stopping the registry");
    stack.stopRegistry();
    // Notification starts again while the registry is away, so it has no schema cached: it must wait for the
    // registry rather than take the records it cannot read yet for unreadable ones.
    platform.notification.kill();
    var notification = java.util.concurrent.CompletableFuture.supplyAsync(platform::startNotification);
    SteadyIntakes.sleep(REGISTRY_OUTAGE);
    stack.startRegistry();
    log("registry started");
    platform.notification = notification.join();
    SteadyIntakes.sleep(STEADY);

    int accepted = intakes.stop();
    assertThat(accepted).as("intakes answered 201").isGreaterThan(50);
    System.out.printf("Broker, PostgreSQL and registry each stopped and started under load: %d intakes answered "
        + "201, %d not%n", accepted, intakes.refused());

    intakes.assertEveryAcceptedIntakeHasExactlyItsReferralsAndNotifications();
  }

  private static void log(String what) {
    System.out.println(java.time.Instant.now() + " " + what);
  }
}
