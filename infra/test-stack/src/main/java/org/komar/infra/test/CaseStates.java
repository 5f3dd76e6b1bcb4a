package org.komar.infra.test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.Province;
import org.komar.events.ReferralState;
import org.komar.events.ReferralSummary;
import org.komar.events.RiskLevel;
import org.komar.events.Service;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;

/**
 * Case states written to the stack's {@code case-states} as routing writes them, for tests of what reads them (the
 * vault's view of who holds a case) without running routing.
 */
public final class CaseStates {

  private CaseStates() {
  }

  /** Version {@code version} of a case whose one referral, of {@code service}, is in {@code state} at {@code unit}. */
  public static void publishReferral(String caseId, long version, Service service, String unit, ReferralState state) {
    CaseState caseState = CaseState.newBuilder().setCaseId(caseId).setCaseReference("-")
        .setUpdatedAt(Instant.now()).setVersion(version).setStatus(CaseStatus.IN_PROGRESS)
        .setProvince(Province.SIEM_REAP).setRiskLevel(RiskLevel.HIGH).setTimeline(List.of())
        .setReferrals(List.of(new ReferralSummary("referral-1", service, unit, state, 2, Instant.now(),
            Instant.now()))).build();
    TestStack stack = TestStack.shared();
    KomarSerdes serdes = stack.serdes();
    try (var producer = new KafkaProducer<>(stack.kafkaSettings(), new StringSerializer(),
        serdes.valueSerde(Topics.CASE_STATES).serializer())) {
      producer.send(new ProducerRecord<>(Topics.CASE_STATES.name(), caseId, caseState)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while writing a case state", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not write a case state", e.getCause());
    }
  }
}
