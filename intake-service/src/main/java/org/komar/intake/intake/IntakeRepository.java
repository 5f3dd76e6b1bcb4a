package org.komar.intake.intake;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.komar.schemas.reporter.ReporterStatus;

/** The {@code intakes} table, through Micronaut Data. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface IntakeRepository extends CrudRepository<IntakeRow, UUID> {

  Optional<IntakeRow> findByCaseReference(String caseReference);

  Optional<IntakeRow> findByIdempotencyKey(String idempotencyKey);

  /** Marks a case erased and forgets its request fingerprint. */
  @io.micronaut.data.annotation.Query(
      "UPDATE intakes SET status = 'ERASED', request_hash = NULL WHERE case_id = :caseId")
  void markErased(UUID caseId);

  /**
   * Moves a case's status to {@code status}, only from one of {@code earlier} (the statuses before it,
   * {@link ReporterStatus#earlier()}), in one statement: a state read late or twice never moves a case back, and an
   * erased case stays erased.
   */
  @io.micronaut.data.annotation.Query(
      "UPDATE intakes SET status = :status WHERE case_id = :caseId AND status IN (:earlier)")
  void moveForward(UUID caseId, String status, Collection<String> earlier);
}
