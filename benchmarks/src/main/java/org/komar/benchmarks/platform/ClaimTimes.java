package org.komar.benchmarks.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.HdrHistogram.Histogram;
import org.komar.notification.store.Deliveries;

/**
 * How long notification-service's claim of due deliveries ({@link Deliveries#DUE}) takes with a small and with a
 * large backlog: a lane that cannot deliver (an SMTP server that is down) holding {@code backlog} pending rows, and
 * five webhook lanes with ten due rows each. The rows are added, and the claim timed, in one transaction of the
 * benchmark's own that is rolled back, so the running service never sees them. The claim locks what it finds, the
 * service's own due rows too, until that transaction ends: a few seconds, between the benchmark's steps.
 */
final class ClaimTimes {

  /** As the delivery worker claims: a few rows from each lane. */
  private static final int PER_LANE = 4;
  private static final int WARM_UP = 50;
  private static final int TIMED = 500;

  /** The claim's latency at one backlog, in microseconds. */
  record ClaimTime(int backlog, Histogram micros) {
  }

  private ClaimTimes() {
  }

  static ClaimTime measure(String jdbcUrl, String user, String password, int backlog) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("""
            INSERT INTO deliveries (id, event_id, source_topic, source_value, case_id, recipient, channel, lane,
                                    template, language, variables, next_attempt_at)
            SELECT gen_random_uuid(), 'bench-backlog-' || i, 'escalations', '\\x00', 'c', 'SUPERVISOR', 'EMAIL',
                   'smtp:backlog.bench', 'REFERRAL_ESCALATED', 'KHMER', '{}', now() - interval '1 hour'
              FROM generate_series(1, %d) i""".formatted(backlog));
        statement.execute("""
            INSERT INTO deliveries (id, event_id, source_topic, source_value, case_id, recipient, channel, lane,
                                    template, language, variables, next_attempt_at)
            SELECT gen_random_uuid(), 'bench-hook-' || i, 'referrals-police', '\\x00', 'c', 'AGENCY_UNIT', 'WEBHOOK',
                   'https://hook-' || (i % 5) || '.bench', 'REFERRAL_REQUESTED', 'KHMER', '{}',
                   now() - interval '1 minute'
              FROM generate_series(1, 50) i""");
        statement.execute("ANALYZE deliveries");
      }
      Histogram micros = new Histogram(60_000_000L, 3);
      try (PreparedStatement claim = connection.prepareStatement(Deliveries.DUE)) {
        claim.setInt(1, PER_LANE);
        for (int i = 0; i < WARM_UP + TIMED; i++) {
          long start = System.nanoTime();
          int rows = 0;
          try (ResultSet due = claim.executeQuery()) {
            while (due.next()) {
              rows++;
            }
          }
          if (rows < 6 * PER_LANE) {
            throw new IllegalStateException("The claim found " + rows + " due rows; the backlog's lanes hold more");
          }
          if (i >= WARM_UP) {
            micros.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
          }
        }
      } finally {
        connection.rollback();
      }
      return new ClaimTime(backlog, micros);
    }
  }
}
