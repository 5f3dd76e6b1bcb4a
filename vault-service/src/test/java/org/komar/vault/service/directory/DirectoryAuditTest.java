package org.komar.vault.service.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.komar.events.AgencyUnit;
import org.komar.http.audit.AuditRecordView;
import org.komar.infra.test.SampleEvents;
import org.komar.infra.test.TestStack;
import org.komar.schemas.KafkaPrincipal;
import org.komar.schemas.Topics;
import org.komar.vault.service.OnTestStack;
import org.komar.vault.service.audit.AuditRecords;

/**
 * Every change of the agency directory reaches the signed audit trail, whoever wrote it: once per version, naming who
 * changed it and which fields, never their values.
 */
// Not in a test transaction: the listener, in its own thread, must see what the test commits.
@MicronautTest(transactional = false)
class DirectoryAuditTest extends OnTestStack {

  @Inject
  AuditRecords records;

  @Test
  void shouldRecordEachVersionOfAUnitOnceWithWhoChangedItAndWhichFields() throws Exception {
    String unitId = "police-test-" + UUID.randomUUID().toString().substring(0, 8);
    AgencyUnit added = AgencyUnit.newBuilder(new SampleEvents(null).agencyUnit()).setUnitId(unitId)
        .setChangedBy("directory-admin-7").setChangedAt(Instant.parse("2026-12-01T08:00:00Z")).build();
    AgencyUnit fuller = AgencyUnit.newBuilder(added).setCapacity(0).setActive(false)
        .setChangedAt(Instant.parse("2026-12-01T09:00:00Z")).build();

    // Routing writes the unit, the same version again (a redelivery), then a change; a tool writes it with no name
    TestStack stack = TestStack.shared();
    try (var producer = new KafkaProducer<>(stack.kafka().clientSettings(KafkaPrincipal.ROUTING),
        new StringSerializer(), stack.serdes().valueSerde(Topics.AGENCY_UNITS).serializer())) {
      for (AgencyUnit version : List.of(added, added, fuller)) {
        producer.send(new ProducerRecord<>(Topics.AGENCY_UNITS.name(), unitId, version)).get();
      }
    }
    try (var producer = new KafkaProducer<>(stack.kafkaSettings(), new StringSerializer(),
        stack.serdes().valueSerde(Topics.AGENCY_UNITS).serializer())) {
      producer.send(new ProducerRecord<>(Topics.AGENCY_UNITS.name(), unitId, AgencyUnit.newBuilder(fuller)
          .setEmail("desk@police.example.org").setChangedBy(null).setChangedAt(null).build())).get();
    }

    AuditRecords.Filter ofTheUnit = new AuditRecords.Filter(null, null, unitId, null, null);
    await().atMost(Duration.ofSeconds(30)).until(() -> records.find(ofTheUnit, 0, 10).size() >= 3);
    List<AuditRecordView> changes = records.find(ofTheUnit, 0, 10);

    assertThat(changes).hasSize(3).allSatisfy(change -> {
      assertThat(change.kind()).isEqualTo("DirectoryChanged");
      assertThat(change.caseId()).isNull();
      assertThat(change.genuine()).isTrue();
    });
    assertThat(changes.get(0).actorId()).isEqualTo("directory-admin-7");
    assertThat(changes.get(0).changedFields()).contains("name", "capacity", "active", "webhookUrl");
    assertThat(changes.get(1).changedFields()).containsExactly("capacity", "active");
    assertThat(changes.get(1).occurredAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    assertThat(changes.get(2).actorId()).isEqualTo(RecordedDirectory.UNKNOWN);
    assertThat(changes.get(2).changedFields()).containsExactly("email");
    // Fields by name only: no contact detail reaches the trail
    assertThat(changes.toString()).doesNotContain("desk@police.example.org", "+855");
  }
}
