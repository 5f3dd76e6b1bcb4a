package org.komar.intake.intake;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

/** The {@code intakes} table, through Micronaut Data. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface IntakeRepository extends CrudRepository<IntakeRow, UUID> {

  Optional<IntakeRow> findByCaseReference(String caseReference);

  Optional<IntakeRow> findByIdempotencyKey(String idempotencyKey);

  /** Marks a case erased and forgets its request fingerprint. */
  @io.micronaut.data.annotation.Query(
      "UPDATE intakes SET status = 'ERASED', request_hash = NULL WHERE case_id = :caseId")
  void markErased(UUID caseId);

  /** Someone took the case on: only a case still just received moves on (never back, never an erased one). */
  @io.micronaut.data.annotation.Query(
      "UPDATE intakes SET status = 'IN_PROGRESS' WHERE case_id = :caseId AND status = 'RECEIVED'")
  void markInProgress(UUID caseId);

  /** Every agency finished: a received or in-progress case is closed (an erased one stays erased). */
  @io.micronaut.data.annotation.Query(
      "UPDATE intakes SET status = 'CLOSED' WHERE case_id = :caseId AND status IN ('RECEIVED', 'IN_PROGRESS')")
  void markClosed(UUID caseId);
}
