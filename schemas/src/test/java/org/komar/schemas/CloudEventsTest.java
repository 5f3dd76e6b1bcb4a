package org.komar.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.komar.events.AgencyUnit;
import org.komar.events.Language;
import org.komar.events.Province;
import org.komar.events.ReferralAccepted;
import org.komar.events.Service;
import org.komar.events.ReferralUpdate;

class CloudEventsTest {

  private static final ReferralAccepted ACCEPTED = ReferralAccepted.newBuilder()
      .setEventId("0b6f2a52-7f4e-4c1e-9d59-3c1f8a2b7e10").setCaseId("case-1")
      .setOccurredAt(Instant.parse("2026-11-30T08:00:00Z")).setReferralId("referral-1")
      .setUnitId("police-siem-reap-juvenile").setActorId("officer-1").setFemaleOfficerAssigned(true).build();

  @Test
  void shouldNameAnEnvelopeByTheEventItCarries() {
    // Given a referral update, an envelope around the acceptance
    ReferralUpdate update = ReferralUpdate.newBuilder().setUpdate(ACCEPTED).build();
    RecordHeaders headers = new RecordHeaders();

    // When it is stamped
    CloudEvents.stamp(headers, update, new byte[] {1}, CloudEvents.sourceOf("routing-service"));

    // Then its id is the acceptance's, its type the envelope's, its source the writer
    assertThat(CloudEvents.header(headers, CloudEvents.ID)).isEqualTo("0b6f2a52-7f4e-4c1e-9d59-3c1f8a2b7e10");
    assertThat(CloudEvents.header(headers, CloudEvents.TYPE)).isEqualTo("org.komar.events.ReferralUpdate");
    assertThat(CloudEvents.header(headers, CloudEvents.SOURCE)).isEqualTo("/komar/routing-service");
    assertThat(CloudEvents.header(headers, CloudEvents.SPEC_VERSION)).isEqualTo("1.0");
  }

  @Test
  void shouldReplaceTheHeadersOfTheRecordAValueCameFrom() {
    // Given headers a stream processor handed on from the intake it read
    RecordHeaders headers = new RecordHeaders();
    headers.add(CloudEvents.ID, "the-intake".getBytes());
    headers.add(CloudEvents.TYPE, "org.komar.events.IntakeReceived".getBytes());

    // When the acceptance is stamped on them
    CloudEvents.stamp(headers, ACCEPTED, new byte[] {1}, "/komar/routing-service");

    // Then only the acceptance's attributes remain, once each
    assertThat(headers.headers(CloudEvents.ID)).hasSize(1);
    assertThat(CloudEvents.header(headers, CloudEvents.ID)).isEqualTo(ACCEPTED.getEventId());
    assertThat(CloudEvents.header(headers, CloudEvents.TYPE)).isEqualTo("org.komar.events.ReferralAccepted");
  }

  @Test
  void shouldGiveAStateWithoutEventIdAnIdOfTheBytesItIsWrittenAs() {
    // Given a directory entry, a state with no event id, written twice alike and once changed
    byte[] written = "unit as written".getBytes(StandardCharsets.UTF_8);
    byte[] rewritten = "unit as written".getBytes(StandardCharsets.UTF_8);
    byte[] changed = "unit as changed".getBytes(StandardCharsets.UTF_8);

    // When each is stamped
    String id = idOf(siemReapPolice(), written);

    // Then the same bytes are the same event, other bytes another
    assertThat(UUID.fromString(id)).isNotNull();
    assertThat(idOf(siemReapPolice(), rewritten)).isEqualTo(id);
    assertThat(idOf(siemReapPolice(), changed)).isNotEqualTo(id);
  }

  private static String idOf(AgencyUnit unit, byte[] bytes) {
    RecordHeaders headers = new RecordHeaders();
    CloudEvents.stamp(headers, unit, bytes, "/komar/platform");
    return CloudEvents.header(headers, CloudEvents.ID);
  }

  private static AgencyUnit siemReapPolice() {
    return AgencyUnit.newBuilder().setUnitId("police-siem-reap-juvenile").setName("Siem Reap juvenile police")
        .setService(Service.POLICE).setProvinces(List.of(Province.SIEM_REAP)).setLanguages(List.of(Language.KHMER))
        .setPlatforms(List.of()).setFemaleOfficersAvailable(2).setCapacity(10).setActive(true).build();
  }
}
