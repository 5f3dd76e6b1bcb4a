package org.komar.notification.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.komar.notification.OnNotificationStack;

/**
 * Claiming due deliveries reads what it claims, not the backlog: with 20,000 pending rows in one lane (an SMTP server
 * that is down) and a few in others, no step of the claim's plan touches more than a few dozen rows. The rows are
 * added and the plan taken in one transaction that is rolled back, so the running worker never sees them.
 */
@MicronautTest(transactional = false)
class DueClaimPlanTest extends OnNotificationStack {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PER_LANE = 4;

  @Inject
  TransactionOperations<Connection> transactions;

  @Test
  void shouldReadEachLanesOldestRowsAndNeverTheWholeBacklog() {
    JsonNode plan = transactions.executeWrite(status -> {
      // Rolled back whatever happens: the worker must never see these rows.
      status.setRollbackOnly();
      Connection connection = status.getConnection();
      try (Statement statement = connection.createStatement()) {
        statement.execute("""
            INSERT INTO deliveries (id, event_id, source_topic, source_value, case_id, recipient, channel, lane,
                                    template, language, variables, next_attempt_at)
            SELECT gen_random_uuid(), 'backlog-' || i, 'escalations', '\\x00', 'c', 'SUPERVISOR', 'EMAIL',
                   'smtp:backlog.example', 'REFERRAL_ESCALATED', 'KHMER', '{}', now() - interval '1 hour'
              FROM generate_series(1, 20000) i""");
        statement.execute("""
            INSERT INTO deliveries (id, event_id, source_topic, source_value, case_id, recipient, channel, lane,
                                    template, language, variables, next_attempt_at)
            SELECT gen_random_uuid(), 'hook-' || i, 'referrals-police', '\\x00', 'c', 'AGENCY_UNIT', 'WEBHOOK',
                   'https://hook-' || (i % 5) || '.example', 'REFERRAL_REQUESTED', 'KHMER', '{}',
                   now() - interval '1 minute'
              FROM generate_series(1, 50) i""");
        statement.execute("ANALYZE deliveries");
      }
      try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) "
          + Deliveries.DUE)) {
        explain.setInt(1, PER_LANE);
        try (ResultSet rows = explain.executeQuery()) {
          rows.next();
          return JSON.readTree(rows.getString(1)).get(0).get("Plan");
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(plan.path("Actual Rows").asLong()).as("four from each of the six lanes, and any others'")
        .isGreaterThanOrEqualTo(24L);
    assertThat(mostRowsReadByOneStep(plan)).as("rows a step of the plan read, in all its loops").isLessThan(200);
  }

  private static long mostRowsReadByOneStep(JsonNode node) {
    long here = node.path("Actual Rows").asLong() * Math.max(1, node.path("Actual Loops").asLong())
        + node.path("Rows Removed by Filter").asLong();
    long most = here;
    for (JsonNode child : node.path("Plans")) {
      most = Math.max(most, mostRowsReadByOneStep(child));
    }
    return most;
  }
}
