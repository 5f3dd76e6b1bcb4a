package org.komar.intake.intake;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/**
 * An intake as stored ({@code intakes}, Flyway {@code V3}): INTERNAL fields in clear, sealed fields as
 * Avro-encoded {@code SealedValue} bytes, exactly as they travel in {@code IntakeReceived}.
 */
@MappedEntity("intakes")
public record IntakeRow(
    @Id UUID caseId,
    String caseReference,
    String reporterPinHash,
    byte[] reporterPin,
    String status,
    Instant receivedAt,
    String hotlineId,
    String channel,
    String reporterRelationship,
    String childAgeBand,
    String childGender,
    String province,
    String language,
    String riskLevel,
    boolean femaleOfficer,
    @TypeDef(type = DataType.STRING_ARRAY) String[] incidentCategories,
    @Nullable byte[] childIdentity,
    @Nullable byte[] narrative,
    @Nullable byte[] contentUrls,
    @Nullable byte[] offenderHandles,
    @Nullable byte[] reporterContact,
    @Nullable String idempotencyKey,
    @Nullable byte[] requestHash) {
}
