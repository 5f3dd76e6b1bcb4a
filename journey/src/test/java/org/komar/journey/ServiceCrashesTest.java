package org.komar.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.komar.infra.test.ServiceJvm;

/**
 * Under a steady stream of intakes, each service is killed in turn (SIGKILL: no shutdown, no commit) and started
 * again. Afterwards every intake that was answered 201 has exactly its referrals and notifications; nothing else.
 */
class ServiceCrashesTest extends OnPlatform {

  private static final Duration BETWEEN_KILLS = Duration.ofSeconds(6);

  @Test
  void shouldGiveEveryAcceptedIntakeExactlyItsReferralsAndNotificationsThroughKillsOfEachService() throws Exception {
    SteadyIntakes intakes = new SteadyIntakes(platform);
    SteadyIntakes.sleep(BETWEEN_KILLS);
    // The vault first: intakes are refused (503) while it is away, never recorded half-sealed, and the reporter
    // messages that need it wait for it.
    platform.vault = restart(platform.vault, platform::startVault);
    SteadyIntakes.sleep(BETWEEN_KILLS);
    platform.intake = restart(platform.intake, platform::startIntake);
    SteadyIntakes.sleep(BETWEEN_KILLS);
    platform.routing = restart(platform.routing, platform::startRouting);
    SteadyIntakes.sleep(BETWEEN_KILLS);
    platform.notification = restart(platform.notification, platform::startNotification);
    SteadyIntakes.sleep(BETWEEN_KILLS);
    int accepted = intakes.stop();
    assertThat(accepted).as("intakes answered 201").isGreaterThan(20);
    System.out.printf("The vault, intake, routing and notification each killed and restarted under load: %d intakes "
        + "answered 201, %d not%n", accepted, intakes.refused());

    intakes.assertEveryAcceptedIntakeHasExactlyItsReferralsAndNotifications();
  }

  private static ServiceJvm restart(ServiceJvm service, Supplier<ServiceJvm> start) {
    service.kill();
    return start.get();
  }
}
