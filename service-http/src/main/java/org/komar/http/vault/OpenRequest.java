package org.komar.http.vault;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The vault API's {@code POST /api/v1/vault/openings}: notification-service opens a reporter's contact, as its
 * own audience, at the moment it sends them an update. Any other field is refused by the vault (403), not as a
 * malformed request: asking for it is what a compromised caller would do.
 */
@Serdeable
public record OpenRequest(
    @NotBlank @Pattern(regexp = "[0-9a-f-]{36}") String caseId,
    @NotBlank @Pattern(regexp = "[A-Za-z][A-Za-z.]{0,63}") String field,
    @NotNull @Valid SealedJson sealed,
    @NotBlank @Pattern(regexp = "REPORTER_UPDATE") String purpose) {
}
