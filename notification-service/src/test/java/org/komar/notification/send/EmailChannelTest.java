package org.komar.notification.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Mail to a server off this machine goes over STARTTLS or not at all. */
class EmailChannelTest {

  @Test
  void shouldRequireStarttlsAndACheckedCertificateForAServerOffThisMachine() {
    Properties settings = EmailChannel.sessionProperties("93.184.216.34", 587, true);

    assertThat(settings).containsEntry("mail.smtp.starttls.enable", "true")
        .containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true");
  }

  @Test
  void shouldSpeakToAServerOnThisMachinesLoopbackAsItIs() {
    Properties settings = EmailChannel.sessionProperties("127.0.0.1", 3025, false);

    assertThat(settings).doesNotContainKey("mail.smtp.starttls.required");
  }
}
