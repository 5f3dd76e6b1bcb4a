package org.komar.http.vault;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The vault API's {@code POST /api/v1/vault/erasures}: intake-service asks to crypto-shred a case on behalf of a
 * hotline supervisor, whose own token comes with the request ({@link VaultApi#PERSON}); the vault erases only for a
 * supervisor of the hotline the case is bound to.
 */
@Serdeable
public record ErasureRequest(
    @NotBlank @Pattern(regexp = "[0-9a-f-]{36}") String caseId,
    @NotBlank @Pattern(regexp = "[A-Z_]{1,64}") String reason) {
}
