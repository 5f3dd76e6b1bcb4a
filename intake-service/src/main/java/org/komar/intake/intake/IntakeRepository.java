package org.komar.intake.intake;

import io.micronaut.data.annotation.Id;
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

  void updateStatus(@Id UUID caseId, String status);
}
