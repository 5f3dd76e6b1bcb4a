package org.komar.notification.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.komar.notification.OnNotificationStack;
import org.komar.schemas.reporter.ReporterStatus;

/**
 * Two instances reading a case's state and its intake at once take turns on the case's row: the intake's reading
 * waits for the state's transaction, and then sees what it held. Without the lock, the intake could read the row
 * before the state's hold committed, and the reporter would never hear that step.
 */
@MicronautTest(transactional = false)
class CaseProgressLockTest extends OnNotificationStack {

  @Inject
  TransactionOperations<Connection> transactions;

  @Inject
  Deliveries deliveries;

  @Test
  void shouldMakeAnIntakeWaitForAStateOfItsCaseBeingHeldAndThenSeeIt() throws Exception {
    String caseId = UUID.randomUUID().toString();
    CountDownLatch stateLocked = new CountDownLatch(1);
    CountDownLatch letStateCommit = new CountDownLatch(1);
    CompletableFuture<Void> state = CompletableFuture.runAsync(() -> transactions.executeWrite(status -> {
      assertThat(deliveries.lockCase(caseId).intakeRead()).isFalse();
      deliveries.holdForIntake(caseId, ReporterStatus.IN_PROGRESS);
      stateLocked.countDown();
      await(letStateCommit);
      return null;
    }));
    assertThat(stateLocked.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Deliveries.CaseProgress> intake = CompletableFuture.supplyAsync(() ->
        transactions.executeWrite(status -> {
          Deliveries.CaseProgress progress = deliveries.lockCase(caseId);
          deliveries.intakeRead(caseId);
          return progress;
        }));
    Thread.sleep(500);
    assertThat(intake).as("the intake waits while the state's transaction holds the case").isNotDone();

    letStateCommit.countDown();
    state.get(10, TimeUnit.SECONDS);
    assertThat(intake.get(10, TimeUnit.SECONDS).held()).as("what the state held, seen by the intake")
        .contains(ReporterStatus.IN_PROGRESS);
    Deliveries.CaseProgress after = transactions.executeWrite(status -> deliveries.lockCase(caseId));
    assertThat(after).as("read, and nothing held any more").isEqualTo(new Deliveries.CaseProgress(true, Optional.empty()));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
