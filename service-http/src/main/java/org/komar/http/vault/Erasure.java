package org.komar.http.vault;

import io.micronaut.serde.annotation.Serdeable;

/** The vault API's answer to {@link ErasureRequest}: whether this call erased the case (false: it was before). */
@Serdeable
public record Erasure(boolean erased) {
}
