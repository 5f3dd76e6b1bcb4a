package org.komar.http.vault;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The vault API's {@code POST /api/v1/vault/hotline-openings}: intake-service asks on behalf of a hotline's
 * operator or supervisor, whose own token comes with the request ({@link VaultApi#PERSON}). The vault opens only if
 * the person works for the hotline the case was bound to when it was sealed, as the hotline's audience.
 */
@Serdeable
public record HotlineOpenRequest(
    @NotBlank @Pattern(regexp = "[0-9a-f-]{36}") String caseId,
    @NotBlank @Size(max = 64) String field,
    @NotNull @Valid SealedJson sealed,
    @NotBlank @Pattern(regexp = "[A-Z_]{1,64}") String purpose) {
}
