package org.komar.http.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The auditors' API's {@code GET /api/v1/audit/verification}, and what {@code ./komar audit verify} prints: whether the
 * whole trail is intact, and if not, the first bad sequence number and what is wrong there.
 *
 * @param checkpointSequence the highest checkpoint whose signature verifies (0 if none)
 * @param rejectedCheckpoints checkpoints kept outside the database that do not verify or do not parse (ignored)
 * @param problemKind {@code MISSING}, {@code ALTERED}, {@code BROKEN_CHAIN}, {@code TRUNCATED} or {@code REWRITTEN}
 */
@Serdeable
public record TrailCheck(boolean intact, long recordsChecked, long lastSequence, long checkpointSequence,
    int rejectedCheckpoints, int problems, @Nullable Long firstBadSequence, @Nullable String problemKind,
    @Nullable String problem) {
}
