package org.komar.http.vault;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The vault API's {@code POST /api/v1/vault/seals}: routing asks the vault to seal an agency's free-text note of a
 * case. Only the event and field are named; the audiences come from the field's schema, never from the caller.
 */
@Serdeable
public record SealRequest(
    @NotBlank @Pattern(regexp = "[0-9a-f-]{36}") String caseId,
    @NotBlank @Pattern(regexp = "ReferralProgressed|ReferralDeclined") String event,
    @NotBlank @Pattern(regexp = "note") String field,
    @NotNull @Size(min = 1, max = 4000) String text) {
}
