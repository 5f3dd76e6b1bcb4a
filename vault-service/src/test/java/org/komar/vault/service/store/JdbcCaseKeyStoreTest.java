package org.komar.vault.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.micronaut.transaction.TransactionOperations;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.komar.events.Audience;
import org.komar.events.SealedValue;
import org.komar.vault.service.OnTestStack;
import org.komar.vault.KeyEncryptionKey;
import org.komar.vault.KeyVault;
import org.komar.vault.SealingException;

/** The vault on its own real PostgreSQL database, its table made by the service's own Flyway migration. */
// Not in a test transaction: the relay, in its own thread, must see what the test commits.
@MicronautTest(transactional = false)
class JdbcCaseKeyStoreTest extends OnTestStack {

  private static final List<Audience> IDENTITY = List.of(Audience.POLICE, Audience.PSYCHOSOCIAL);

  @Inject
  TransactionOperations<Connection> transactions;

  /** The service's own KEK: every key in the shared database is wrapped under it, as in production. */
  @Inject
  KeyEncryptionKey serviceKek;

  private final List<SpecificRecord> audited = new ArrayList<>();
  private KeyEncryptionKey kek;
  private KeyVault vault;


  @BeforeEach
  void createVault() {
    kek = serviceKek;
    vault = new KeyVault(new JdbcCaseKeyStore(transactions), kek, (caseId, event) -> audited.add(event),
        Clock.systemUTC());
  }

  @Test
  void shouldKeepOnlyAWrappedKeyPerCaseAndShredItOnErase() throws Exception {
    String caseId = UUID.randomUUID().toString();
    SealedValue name = vault.seal(caseId, "childIdentity", IDENTITY, "ស្រីពៅ");
    SealedValue story = vault.seal(caseId, "narrative", IDENTITY, "He asked for photos");

    assertThat(rowsFor(caseId)).isEqualTo(1);
    assertThat(vault.open(name, opening(caseId, "childIdentity"))).isEqualTo("ស្រីពៅ");

    assertThat(vault.erase(caseId, "supervisor-3", "Retention period ended")).isPresent();

    assertThat(rowsFor(caseId)).isZero();
    for (var sealed : List.of(Map.entry("childIdentity", name), Map.entry("narrative", story))) {
      assertThatThrownBy(() -> vault.open(sealed.getValue(), opening(caseId, sealed.getKey())))
          .isInstanceOf(SealingException.CaseErased.class);
    }
  }

  @Test
  void shouldShareTheFirstKeyWhenTwoVaultsSealForANewCaseAtOnce() {
    String caseId = UUID.randomUUID().toString();
    KeyVault other = new KeyVault(new JdbcCaseKeyStore(transactions), kek, (id, event) -> { }, Clock.systemUTC());

    SealedValue fromThis = vault.seal(caseId, "narrative", IDENTITY, "first");
    SealedValue fromOther = other.seal(caseId, "narrative", IDENTITY, "second");

    assertThat(vault.open(fromOther, opening(caseId, "narrative"))).isEqualTo("second");
    assertThat(other.open(fromThis, opening(caseId, "narrative"))).isEqualTo("first");
  }

  private static KeyVault.Opening opening(String caseId, String field) {
    return new KeyVault.Opening(caseId, field, Audience.POLICE, "officer-17", "Interview planning");
  }

  private int rowsFor(String caseId) {
    return transactions.executeRead(status -> {
      try (ResultSet row = status.getConnection().createStatement().executeQuery(
          "SELECT count(*) FROM case_keys WHERE case_id = '" + caseId + "'")) {
        row.next();
        return row.getInt(1);
      }
    });
  }

  @Test
  void shouldRefuseDeletingAKeyOutsideTheErasePath() throws Exception {
    // Given a case with its key
    String caseId = UUID.randomUUID().toString();
    SealedValue name = vault.seal(caseId, "childIdentity", IDENTITY, "ស្រីពៅ");

    // When the vault's own login deletes the key, or empties the table, without the erase path
    for (String statement : List.of("DELETE FROM case_keys WHERE case_id = '" + caseId + "'",
        "TRUNCATE case_keys")) {
      assertThatThrownBy(() -> transactions.executeWrite(status -> {
        status.getConnection().createStatement().execute(statement);
        return null;
      })).as(statement).hasStackTraceContaining("erase path");
    }

    // Then the key is still there and the case still opens; the erase path itself deletes it
    assertThat(rowsFor(caseId)).isEqualTo(1);
    assertThat(vault.open(name, opening(caseId, "childIdentity"))).isEqualTo("ស្រីពៅ");
    assertThat(vault.erase(caseId, "supervisor-3", "Retention period ended")).isPresent();
    assertThat(rowsFor(caseId)).isZero();
  }
}
