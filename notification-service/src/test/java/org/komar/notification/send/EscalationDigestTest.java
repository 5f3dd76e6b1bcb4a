package org.komar.notification.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.komar.events.AgencyUnit;
import org.komar.events.EscalationStep;
import org.komar.events.ReferralEscalated;
import org.komar.infra.test.StandIns;
import org.komar.notification.Events;
import org.komar.notification.OnNotificationStack;
import org.komar.notification.directory.AgencyDirectory;
import org.komar.schemas.Topics;

/**
 * A surge of escalations brings a supervisor one message a period, not one per case: the first at once, the rest in
 * one digest with the counts by unit and reason and a link to the console's supervisor page, and nothing more.
 */
@MicronautTest
class EscalationDigestTest extends OnNotificationStack {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PERIOD = Duration.ofSeconds(3);

  @Inject
  AgencyDirectory directory;


  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("komar.notification.digest-period", PERIOD.toMillis() + "ms");
    properties.put("komar.notification.digest-check", "300ms");
    return properties;
  }

  @Test
  void shouldTellASupervisorOfASurgeOnceAndThenInOneDigest() throws Exception {
    AgencyUnit supervisor = unit("supervisor", true, null, null);
    AgencyUnit kampot = AgencyUnit.newBuilder(unit("kampot", false, null, null))
        .setSupervisorUnitId(supervisor.getUnitId()).build();
    AgencyUnit takeo = AgencyUnit.newBuilder(unit("takeo", false, null, null))
        .setSupervisorUnitId(supervisor.getUnitId()).build();
    for (AgencyUnit unit : List.of(supervisor, kampot, takeo)) {
      Events.send(Topics.AGENCY_UNITS, unit.getUnitId(), unit);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> directory.unit(takeo.getUnitId()).isPresent());

    // Five escalations in a row: three of Kampot's referrals found no unit, two of Takeo's were reassigned
    List<ReferralEscalated> surge = List.of(escalation(kampot, EscalationStep.NO_UNIT_AVAILABLE),
        escalation(kampot, EscalationStep.NO_UNIT_AVAILABLE), escalation(takeo, EscalationStep.REASSIGNED),
        escalation(kampot, EscalationStep.NO_UNIT_AVAILABLE), escalation(takeo, EscalationStep.REASSIGNED));
    surge.forEach(escalation -> Events.send(Topics.ESCALATIONS, escalation.getCaseId(), escalation));

    // The first to arrive (the cases sit on different partitions) is told at once, by itself
    await().atMost(Duration.ofSeconds(20)).until(() -> !standIns.webhooksOf(supervisor.getUnitId()).isEmpty());
    JsonNode first = JSON.readTree(standIns.webhooksOf(supervisor.getUnitId()).getFirst().body());
    assertThat(first.path("template").asText()).isEqualTo("REFERRAL_ESCALATED");
    ReferralEscalated toldFirst = surge.stream()
        .filter(escalation -> escalation.getReferralId().equals(first.path("referralId").asText())).findFirst()
        .orElseThrow();

    // The other four in one digest when the period is over, counted by unit and reason
    await().atMost(PERIOD.multipliedBy(5)).until(() -> standIns.webhooksOf(supervisor.getUnitId()).size() >= 2);
    List<StandIns.Received> told = standIns.webhooksOf(supervisor.getUnitId());
    JsonNode digest = JSON.readTree(told.get(1).body());
    assertThat(digest.path("template").asText()).isEqualTo("ESCALATION_DIGEST");
    assertThat(digest.path("count").asText()).isEqualTo("4");
    boolean kampotFirst = toldFirst.getUnitId().equals(kampot.getUnitId());
    assertThat(digest.path("summary").asText()).isEqualTo(kampot.getUnitId() + " " + (kampotFirst ? 2 : 3)
        + " NO_UNIT_AVAILABLE; " + takeo.getUnitId() + " " + (kampotFirst ? 2 : 1) + " REASSIGNED");
    assertThat(digest.path("link").asText()).isEqualTo("http://localhost:8084/supervision");
    assertThat(told.get(1).signatureValid()).isTrue();

    // and nothing more: each escalation was told once, in one of the two
    Thread.sleep(PERIOD.multipliedBy(2).toMillis());
    assertThat(standIns.webhooksOf(supervisor.getUnitId())).hasSize(2);
  }

  private ReferralEscalated escalation(AgencyUnit unit, EscalationStep step) {
    String caseId = UUID.randomUUID().toString();
    return ReferralEscalated.newBuilder(samples.referralEscalated(caseId, "r-" + UUID.randomUUID()))
        .setUnitId(unit.getUnitId()).setService(unit.getService()).setStep(step).setNextUnitId(null).build();
  }
}
