package org.komar.vault.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.micronaut.transaction.TransactionOperations;
import org.komar.vault.CaseKeyStore;
import org.komar.vault.SealingException;

/**
 * The vault's wrapped data keys in vault-service's own PostgreSQL database ({@code case_keys}, Flyway {@code V1}).
 *
 * <p>Deleting a row is the crypto-shredding. PostgreSQL keeps a deleted row's bytes until vacuum, and in WAL and
 * backups until they expire; since only wrapped keys are stored, those copies stay useless without the
 * key-encryption key, but a backup kept together with the KEK would not be shredded: keep backups of this table
 * short-lived, or back up without the KEK.
 */
public final class JdbcCaseKeyStore implements CaseKeyStore {

  @FunctionalInterface
  private interface Work<T> {
    T on(Connection connection) throws SQLException;
  }

  /** How the store reaches its database: in the service, or in a command of its own. */
  private interface Connections {
    <T> T write(Work<T> work) throws SQLException;
  }

  private final Connections connections;

  private JdbcCaseKeyStore(Connections connections) {
    this.connections = connections;
  }

  /** The service's store: every operation joins the caller's transaction, or runs in one of its own. */
  public JdbcCaseKeyStore(TransactionOperations<Connection> transactions) {
    this(new Connections() {
      @Override
      public <T> T write(Work<T> work) {
        return transactions.executeWrite(status -> {
          try {
            return work.on(status.getConnection());
          } catch (SQLException e) {
            throw new SqlFailure(e);
          }
        });
      }
    });
  }

  /** A command's store ({@code RotateKekCommand}): each operation a transaction of its own on {@code connection}. */
  public static JdbcCaseKeyStore onConnection(Connection connection) {
    return new JdbcCaseKeyStore(new Connections() {
      @Override
      public synchronized <T> T write(Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
          T result = work.on(connection);
          connection.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        }
      }
    });
  }

  /** Carries an {@link SQLException} out of a transaction callback, which may throw none. */
  private static final class SqlFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SqlFailure(SQLException cause) {
      super(cause);
    }
  }

  private <T> T write(String action, Work<T> work) {
    try {
      return connections.write(work);
    } catch (SQLException e) {
      throw failure(action, e);
    } catch (SqlFailure e) {
      throw failure(action, (SQLException) e.getCause());
    }
  }

  @Override
  public Optional<WrappedKey> find(String caseId) {
    return write("read the key of case " + caseId, connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT wrapped_keyset, kek_id FROM case_keys WHERE case_id = ?")) {
        select.setString(1, caseId);
        try (ResultSet row = select.executeQuery()) {
          return row.next() ? Optional.of(new WrappedKey(caseId, row.getBytes(1), row.getString(2)))
              : Optional.<WrappedKey>empty();
        }
      }
    });
  }

  @Override
  public WrappedKey insertIfAbsent(WrappedKey key) {
    // Two instances sealing for a new case at once: the first key stored wins, and both use it.
    boolean inserted = write("store the key of case " + key.caseId(), connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO case_keys (case_id, wrapped_keyset, kek_id) VALUES (?, ?, ?) ON CONFLICT (case_id) DO NOTHING")) {
        insert.setString(1, key.caseId());
        insert.setBytes(2, key.wrappedKeyset());
        insert.setString(3, key.kekId());
        return insert.executeUpdate() == 1;
      }
    });
    if (inserted) {
      return key;
    }
    return find(key.caseId()).orElseThrow(() -> new SealingException(
        "The key of case " + key.caseId() + " was deleted while it was being created"));
  }

  @Override
  public void replace(WrappedKey key) {
    write("rewrap the key of case " + key.caseId(), connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE case_keys SET wrapped_keyset = ?, kek_id = ?, rewrapped_at = now() WHERE case_id = ?")) {
        update.setBytes(1, key.wrappedKeyset());
        update.setString(2, key.kekId());
        update.setString(3, key.caseId());
        return update.executeUpdate();
      }
    });
  }

  @Override
  public boolean delete(String caseId) {
    return write("delete the key of case " + caseId, connection -> {
      // The erasure's record first, for a key there is: the database refuses a key's delete without it
      // (V5__erase_guard.sql).
      try (PreparedStatement erasure = connection.prepareStatement("""
              INSERT INTO case_erasures (case_id) SELECT case_id FROM case_keys WHERE case_id = ?
              ON CONFLICT (case_id) DO UPDATE SET erased_at = now(), erased_in = pg_current_xact_id()""");
          PreparedStatement delete = connection.prepareStatement("DELETE FROM case_keys WHERE case_id = ?")) {
        erasure.setString(1, caseId);
        erasure.executeUpdate();
        delete.setString(1, caseId);
        return delete.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<String> wrappedUnderOtherThan(String kekId) {
    return write("list keys wrapped under an older KEK", connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT case_id FROM case_keys WHERE kek_id <> ? ORDER BY case_id")) {
        select.setString(1, kekId);
        List<String> caseIds = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            caseIds.add(rows.getString(1));
          }
        }
        return caseIds;
      }
    });
  }

  private static SealingException failure(String action, SQLException e) {
    return new SealingException("The key vault could not " + action + ": " + e.getMessage(), e);
  }
}
