package org.komar.http.vault;

import io.micronaut.serde.annotation.Serdeable;

/** The vault API's answer to an opening: the value in clear, which nobody stores or logs. */
@Serdeable
public record OpenedValue(String value) {
}
