package org.komar.reporting;

import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import jakarta.inject.Singleton;

/** The page's texts: {@code i18n/messages_km.properties} (the default) and {@code messages.properties} (English). */
@Factory
final class ReportingFactory {

  @Singleton
  MessageSource messages() {
    return new ResourceBundleMessageSource("i18n.messages");
  }
}
