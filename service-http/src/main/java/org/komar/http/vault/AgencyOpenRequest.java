package org.komar.http.vault;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.komar.events.Audience;
import org.komar.schemas.sealing.OpeningPurpose;

/**
 * The vault API's {@code POST /api/v1/vault/agency-openings}: what routing asks on behalf of a person of an agency
 * unit, for one of the agencies' purposes. Who the person is, the vault reads from their own token, which comes
 * with the request ({@link VaultApi#PERSON}), never from the body.
 */
@Serdeable
public record AgencyOpenRequest(
    @NotBlank @Pattern(regexp = "[0-9a-f-]{36}") String caseId,
    @NotBlank @Size(max = 64) String field,
    @NotNull @Valid SealedJson sealed,
    @NotNull Audience audience,
    @NotNull OpeningPurpose purpose) {
}
