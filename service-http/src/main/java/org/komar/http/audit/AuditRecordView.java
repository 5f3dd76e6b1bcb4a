package org.komar.http.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * The auditors' API's {@code GET /api/v1/audit/records}: one record of the signed audit trail, as its signed event
 * says it (vault-service writes it, the console reads it). INTERNAL fields only: who did what to which case, when, why
 * and from which unit; never a sealed value.
 *
 * @param kind the event: {@code IdentityAccessed}, {@code IdentityAccessRefused}, {@code OverrideApplied},
 *     {@code CaseErased}, {@code DirectoryChanged}
 * @param caseId null for a change of the directory, whose unit is {@code unitId}
 * @param changedFields a directory change's fields, by name
 * @param genuine whether its signature verifies with the vault's public keyset
 */
@Serdeable
public record AuditRecordView(long sequence, String kind, @Nullable String caseId, Instant occurredAt, String actorId,
    @Nullable String unitId, @Nullable String field, @Nullable String audience, @Nullable String purpose,
    @Nullable String reason, @Nullable String rule, @Nullable List<String> changedFields, boolean genuine) {
}
