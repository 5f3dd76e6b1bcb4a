package org.komar.http.vault;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The vault API's {@code POST /api/v1/vault/intake-seals}: intake-service seals every sealed field of a new intake
 * in one call, which also creates the case's data key and binds the case to the hotline that recorded it. Only the
 * fields are named; their audiences come from {@code IntakeReceived}'s schema (the reporter's PIN: the hotline's
 * alone), never from the caller. The hotline is bound once: a later call for the same case must name the same one.
 */
@Serdeable
public record IntakeSealRequest(
    @NotBlank @Pattern(regexp = "[0-9a-f-]{36}") String caseId,
    @NotBlank @Size(max = 64) String hotlineId,
    @NotEmpty @Size(max = 8) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 65_536) String> fields) {
}
