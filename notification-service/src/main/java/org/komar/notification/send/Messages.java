package org.komar.notification.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.komar.events.Recipient;
import org.komar.events.SealedValue;
import org.komar.http.vault.VaultClient;
import org.komar.notification.plan.Templates;
import org.komar.notification.store.Deliveries;
import org.komar.notification.store.Delivery;

/**
 * Turns a delivery into the message a channel sends: the template rendered in the recipient's language from the
 * delivery's INTERNAL variables. A reporter's number is not stored anywhere in clear: it is opened from the
 * vault (audited, purpose REPORTER_UPDATE) now, for this message only, and forgotten with it.
 */
@Singleton
final class Messages {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SpecificDatumReader<SealedValue> SEALED = new SpecificDatumReader<>(SealedValue.class);

  private final Templates templates = Templates.standard();
  private final Deliveries deliveries;
  private final VaultClient vault;

  Messages(Deliveries deliveries, VaultClient vault) {
    this.deliveries = deliveries;
    this.vault = vault;
  }

  Channel.Message of(Delivery delivery) {
    Templates.Rendered rendered = templates.render(delivery.template(), delivery.language(), delivery.variables());
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("template", delivery.template().name());
    fields.putAll(delivery.variables());
    String address = delivery.recipient() == Recipient.REPORTER ? reporterPhone(delivery) : delivery.address();
    return new Channel.Message(delivery.id(), address, delivery.unitId(), rendered, fields);
  }

  private String reporterPhone(Delivery delivery) {
    Deliveries.Reporter reporter = deliveries.reporter(delivery.caseId())
        .orElseThrow(() -> new Unsendable("no reporter is registered for this case"));
    try {
      SealedValue contact = SEALED.read(null, DecoderFactory.get().binaryDecoder(reporter.sealedContact(), null));
      String opened = vault.open(delivery.caseId(), "reporterContact", contact, "REPORTER_UPDATE");
      // intake-service seals the contact as JSON ({"phone": ..., "messagingHandle": ...}); a bare number also works.
      String phone = opened.trim().startsWith("{") ? JSON.readTree(opened).path("phone").asText("") : opened.trim();
      if (phone.isBlank()) {
        throw new Unsendable("the reporter left no phone number");
      }
      return phone;
    } catch (IOException e) {
      throw new Unsendable("the reporter's contact cannot be read");
    }
  }

  /**
   * A message that can never be sent, however often it is tried: nobody to send it to, or nothing to send it
   * with. Its message names no person and no value.
   */
  static final class Unsendable extends RuntimeException {

    Unsendable(String reason) {
      super(reason);
    }
  }
}
