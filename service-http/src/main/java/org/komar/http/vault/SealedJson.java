package org.komar.http.vault;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import org.komar.events.Audience;
import org.komar.events.SealedValue;

/**
 * A {@link SealedValue} as the vault API carries it, both ways: the key id, the audiences it opens for, and the
 * ciphertext in base64.
 */
@Serdeable
public record SealedJson(@NotBlank @Size(max = 200) String keyId, @NotNull List<Audience> audiences,
    @NotBlank @Size(max = 20000) String ciphertext) {

  public static SealedJson of(SealedValue value) {
    byte[] bytes = new byte[value.getCiphertext().remaining()];
    value.getCiphertext().duplicate().get(bytes);
    return new SealedJson(value.getKeyId(), value.getAudiences(), Base64.getEncoder().encodeToString(bytes));
  }

  /** The sealed value; throws {@link IllegalArgumentException} if the ciphertext is not base64. */
  public SealedValue toSealedValue() {
    return new SealedValue(keyId, audiences, ByteBuffer.wrap(Base64.getDecoder().decode(ciphertext)));
  }
}
