package org.komar.console;

import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import jakarta.inject.Singleton;

/** The console's texts: {@code i18n/messages_km.properties} (the default) and {@code messages_en.properties}. */
@Factory
final class ConsoleFactory {

  @Singleton
  MessageSource messages() {
    return new ResourceBundleMessageSource("i18n.messages");
  }
}
