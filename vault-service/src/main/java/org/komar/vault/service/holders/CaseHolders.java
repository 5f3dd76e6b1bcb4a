package org.komar.vault.service.holders;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.komar.events.CaseState;
import org.komar.events.ReferralState;
import org.komar.events.Service;

/**
 * The vault's own view of who holds each case, kept from the case states it reads ({@code case-states}), so that
 * an agency opening is decided here and not on the word of the service that asks: a unit holds a case for a
 * service while its referral of that service is ACCEPTED or IN_PROGRESS. Only the latest state of a case counts;
 * one read late or twice changes nothing.
 */
@Singleton
public final class CaseHolders {

  private final TransactionOperations<Connection> transactions;

  public CaseHolders(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /**
   * Keeps the referrals of each case's latest state among {@code states}, unless a later version of the case is kept
   * already; all in one transaction (one commit for a poll's states, not one each). A state whose case id is not a
   * UUID is no case of Komar's: nothing of it is sealed here, and it is left out.
   */
  public void record(Collection<CaseState> states) {
    Map<UUID, CaseState> latest = new TreeMap<>(); // in case order, so that two instances lock rows alike
    for (CaseState state : states) {
      caseIdOf(state).ifPresent(caseId -> latest.merge(caseId, state,
          (kept, read) -> read.getVersion() > kept.getVersion() ? read : kept));
    }
    if (latest.isEmpty()) {
      return;
    }
    transactions.executeWrite(status -> {
      Connection connection = status.getConnection();
      try (PreparedStatement upsert = connection.prepareStatement("""
          INSERT INTO case_holders (case_id, version, referrals) VALUES (?, ?, ?)
          ON CONFLICT (case_id) DO UPDATE SET version = EXCLUDED.version, referrals = EXCLUDED.referrals
          WHERE case_holders.version < EXCLUDED.version""")) {
        for (Map.Entry<UUID, CaseState> each : latest.entrySet()) {
          upsert.setObject(1, each.getKey());
          upsert.setLong(2, each.getValue().getVersion());
          upsert.setArray(3, connection.createArrayOf("text", referralsOf(each.getValue())));
          upsert.addBatch();
        }
        upsert.executeBatch();
        return null;
      } catch (SQLException e) {
        throw new IllegalStateException("Could not keep who holds a case", e);
      }
    });
  }

  private static Optional<UUID> caseIdOf(CaseState state) {
    try {
      return Optional.of(UUID.fromString(state.getCaseId()));
    } catch (IllegalArgumentException notACase) {
      return Optional.empty();
    }
  }

  private static String[] referralsOf(CaseState state) {
    return state.getReferrals().stream()
        .map(referral -> referral.getService() + "/" + referral.getUnitId() + "/" + referral.getState())
        .toArray(String[]::new);
  }

  /**
   * The service for which {@code unitId} has a referral of the case in hand, waiting up to {@code patience} for
   * the vault's view to catch up with a state just written (a person who has just accepted a referral opens at
   * once). Blocks: call it off the event loop.
   */
  public Optional<Service> inHandOf(String caseId, String unitId, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    Optional<Service> service = inHandOf(caseId, unitId);
    while (service.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      service = inHandOf(caseId, unitId);
    }
    return service;
  }

  /** The service for which {@code unitId} has a referral of the case in hand now, if it has one. */
  public Optional<Service> inHandOf(String caseId, String unitId) {
    UUID id;
    try {
      id = UUID.fromString(caseId);
    } catch (IllegalArgumentException notACase) {
      return Optional.empty();
    }
    return transactions.executeRead(status -> {
      try (PreparedStatement query = status.getConnection().prepareStatement(
          "SELECT referrals FROM case_holders WHERE case_id = ?")) {
        query.setObject(1, id);
        try (ResultSet row = query.executeQuery()) {
          if (!row.next()) {
            return Optional.<Service>empty();
          }
          Array referrals = row.getArray(1);
          return Arrays.stream((String[]) referrals.getArray()).map(referral -> referral.split("/", 3))
              .filter(parts -> parts.length == 3 && parts[1].equals(unitId) && inHand(parts[2]))
              .map(parts -> Service.valueOf(parts[0])).findFirst();
        }
      } catch (SQLException e) {
        throw new IllegalStateException("Could not read who holds a case", e);
      }
    });
  }

  private static boolean inHand(String state) {
    return state.equals(ReferralState.ACCEPTED.name()) || state.equals(ReferralState.IN_PROGRESS.name());
  }
}
