package org.komar.notification;

import com.icegreen.greenmail.util.GreenMail;
import org.komar.infra.test.StandIns;
import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.test.support.TestPropertyProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.komar.events.AgencyUnit;
import org.komar.events.Language;
import org.komar.events.Province;
import org.komar.events.ReferralRequested;
import org.komar.events.Service;
import org.komar.infra.Ports;
import org.komar.infra.test.SampleEvents;
import org.komar.infra.test.TestStack;

/**
 * notification-service on the shared test stack, with real local endpoints: {@link StandIns} for webhooks and
 * the SMS gateway, GreenMail for SMTP. Short retry and breaker times so faults play out in seconds; a consumer
 * group of its own. No vault runs in this JVM: reporter messages cannot open a number here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OnNotificationStack implements TestPropertyProvider {

  protected final String run = "n" + UUID.randomUUID().toString().substring(0, 8) + "-";
  protected final StandIns standIns = new StandIns();
  protected final GreenMail smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));
  protected final SampleEvents samples = SampleEvents.withOwnVault(Path.of("target", "test-stack", "secrets"));

  protected OnNotificationStack() {
    smtp.start();
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestStack.shared().serviceProperties("notification", "notification-service"));
    properties.put("komar.notification.group-id", "komar-notification-" + run);
    properties.put("komar.notification.sms.gateway-url", standIns.smsGatewayUrl());
    properties.put("komar.notification.email.smtp-host", "127.0.0.1");
    properties.put("komar.notification.email.smtp-port", Integer.toString(smtp.getSmtp().getPort()));
    properties.put("komar.notification.webhook-timeout", "1s");
    properties.put("komar.notification.backoff-base", "100ms");
    properties.put("komar.notification.backoff-cap", "400ms");
    properties.put("komar.notification.max-attempts", "5");
    properties.put("komar.notification.breaker-failures", "3");
    properties.put("komar.notification.breaker-open-for", "1s");
    properties.put("komar.notification.poll-interval", "20ms");
    properties.put("komar.vault.url", "http://127.0.0.1:9");
    return properties;
  }

  /** A unit of this test run, reachable over the given channels (null for a channel it does not have). */
  protected AgencyUnit unit(String name, boolean webhook, String sms, String email) {
    String unitId = run + name;
    return AgencyUnit.newBuilder().setUnitId(unitId).setName("Test unit " + name).setService(Service.POLICE)
        .setProvinces(List.of(Province.SIEM_REAP)).setLanguages(List.of(Language.KHMER, Language.ENGLISH))
        .setFemaleOfficersAvailable(1).setCapacity(10).setActive(true).setSupervisorUnitId(null)
        .setWebhookUrl(webhook ? standIns.webhookUrl(unitId) : null).setSmsNumber(sms).setEmail(email).build();
  }

  /** A sample police referral of case {@code caseId} to {@code unit}. */
  protected ReferralRequested referralTo(String caseId, AgencyUnit unit) {
    return ReferralRequested.newBuilder(samples.referralRequested(caseId, "r-" + caseId)).setUnitId(unit.getUnitId())
        .build();
  }

  @AfterAll
  void stopStandIns() {
    standIns.close();
    smtp.stop();
  }
}
