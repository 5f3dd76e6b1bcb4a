package org.komar.intake.api;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Reads only JSON {@code true} or {@code false}. The default reader turns any text into a boolean ("maybe" into
 * false), which for a child's request for a female officer would silently drop a hard routing rule.
 */
@Singleton
public final class StrictBoolean implements Deserializer<Boolean> {

  @Override
  public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
      throws IOException {
    Object value = decoder.decodeArbitrary();
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw new SerdeException("expected true or false");
  }

  @Override
  public Boolean deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
      throws IOException {
    return decoder.decodeNull() ? null : deserialize(decoder, context, type);
  }
}
