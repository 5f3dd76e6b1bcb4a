package org.komar.notification.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.NotificationFailed;
import org.komar.infra.test.TestStack;
import org.komar.notification.Events;
import org.komar.notification.OnNotificationStack;
import org.komar.schemas.Topics;

/**
 * A message to the reporter of a case that was erased fails for good at the first attempt: the vault answers 410,
 * nothing of the case opens again, and asking it again later would change nothing.
 */
@MicronautTest
class ErasedCaseMessagesTest extends OnNotificationStack {

  private static final String DATABASE = "notification_erased";

  /** Every request the vault got, by the body it carried (which names the case). */
  private final java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final HttpServer vault = erasedVault();

  /**
   * A database of its own: this instance's vault answers 410 for every case, and it must not claim the
   * deliveries of another test's instance from a shared table.
   */
  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
    properties.put("komar.vault.url", "http://127.0.0.1:" + vault.getAddress().getPort());
    var login = TestStack.shared().postgres().ownDatabase(DATABASE, TestStack.databasePassword(DATABASE));
    properties.put("datasources.default.url", login.jdbcUrl());
    properties.put("datasources.default.username", login.username());
    properties.put("datasources.default.password", login.password());
    return properties;
  }

  @AfterAll
  void stopVault() {
    vault.stop(0);
  }

  @Test
  void shouldNotTryAgainAMessageWhoseCaseWasErased() {
    String caseId = UUID.randomUUID().toString();
    Events.send(Topics.CASE_INTAKES, caseId, samples.intakeReceived(caseId));
    // The state after the intake has been handled, as routing's own state follows it: the two topics are read
    // side by side, and a state read first would be told alone, in one message instead of two.
    Events.receipts(receipt -> caseId.equals(receipt.key()), 1, Duration.ofSeconds(30));
    Events.send(Topics.CASE_STATES, caseId, CaseState.newBuilder(samples.caseState(caseId, "r-1"))
        .setStatus(CaseStatus.IN_PROGRESS).setVersion(3).build());

    // Two messages are asked for (received, someone helping); each fails at its first attempt
    var failed = Events.receipts(receipt -> caseId.equals(receipt.key()), 2, Duration.ofSeconds(30));

    assertThat(failed).hasSize(2).allSatisfy(receipt -> assertThat(receipt.value().getReceipt())
        .isInstanceOfSatisfying(NotificationFailed.class, message -> {
          assertThat(message.getError()).contains("erased");
          assertThat(message.getAttempts()).as("tried once, not five times").isEqualTo(1);
        }));
    assertThat(asked).filteredOn(body -> body.contains(caseId)).as("the vault was asked once per message")
        .hasSize(2);
  }

  private HttpServer erasedVault() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        asked.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(410, -1);
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
