package org.komar.http.agency;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import org.komar.events.HashAlgorithm;

/**
 * Another case that reported the same content, as a {@link CaseView} shows it: its id, and how its media hash
 * matched (0 bits apart for an exact match). Nothing of its child, nor its reference (half of its reporter's status
 * check): whether the caller may open that case is decided there.
 */
@Serdeable
public record LinkView(String caseId, Instant linkedAt, HashAlgorithm algorithm, int distance) {
}
