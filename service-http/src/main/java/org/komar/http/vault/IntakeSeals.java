package org.komar.http.vault;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** The vault API's answer to {@link IntakeSealRequest}: each field, sealed. */
@Serdeable
public record IntakeSeals(Map<String, SealedJson> sealed) {
}
