package org.komar.intake.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An intake as stored: INTERNAL fields in clear, sealed fields as Avro-encoded {@code SealedValue} bytes.
 */
public record IntakeRow(
    UUID caseId,
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
    List<String> incidentCategories,
    byte[] childIdentity,
    byte[] narrative,
    byte[] contentUrls,
    byte[] offenderHandles,
    byte[] reporterContact,
    String idempotencyKey,
    byte[] requestHash) {
}
