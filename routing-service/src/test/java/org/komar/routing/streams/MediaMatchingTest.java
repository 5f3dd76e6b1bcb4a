package org.komar.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.komar.events.CaseErased;
import org.komar.events.CaseLink;
import org.komar.events.CaseState;
import org.komar.events.HashAlgorithm;
import org.komar.events.IntakeReceived;
import org.komar.events.MediaHash;
import org.komar.events.OnlinePlatform;
import org.komar.events.Service;
import org.komar.routing.Intakes;
import org.komar.routing.casefile.MediaHashesTestVectors;

/**
 * Two reports of the same content, as ICCAM matches them between hotlines: the cases are linked both ways (naming
 * the other case, nothing of its child), and the platform's desk gets one take-down request, not two. Tested for an
 * exact SHA-256 match and a PDQ near-match; a PDQ hash 32 bits away is other content.
 */
class MediaMatchingTest {

  private static final String SHA = "5f1b0a9d0c3e4f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a";
  private final RouterDriver router = new RouterDriver();

  @AfterEach
  void close() {
    router.close();
  }

  private static IntakeReceived report(String caseId, String reference, MediaHash... hashes) {
    return Intakes.girlInSiemReap().setEventId("intake-" + caseId).setCaseId(caseId).setCaseReference(reference)
        .setConsents(Intakes.allConsents()).setPlatforms(List.of(OnlinePlatform.TELEGRAM))
        .setMediaHashes(List.of(hashes)).build();
  }

  @Test
  void shouldLinkTwoReportsOfTheSameFileAndAskForItsTakedownOnce() {
    router.intakes.pipeInput("case-a", report("case-a", "AA-1111", new MediaHash(HashAlgorithm.SHA256, SHA)));
    assertThat(router.takedowns.readValuesToList()).hasSize(1);
    router.caseStates.readValuesToList();

    router.intakes.pipeInput("case-b", report("case-b", "BB-2222",
        new MediaHash(HashAlgorithm.SHA256, SHA.toUpperCase())));

    assertThat(router.takedowns.readValuesToList()).as("no second request for the same content").isEmpty();
    List<org.apache.kafka.streams.test.TestRecord<String, CaseState>> states = router.caseStates.readRecordsToList();
    CaseState b = states.stream().filter(record -> record.key().equals("case-b")).reduce((x, y) -> y)
        .orElseThrow().value();
    CaseState a = states.stream().filter(record -> record.key().equals("case-a")).reduce((x, y) -> y)
        .orElseThrow().value();
    assertThat(b.getLinks()).extracting(CaseLink::getCaseId, CaseLink::getDistance)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("case-a", 0));
    assertThat(a.getLinks()).extracting(CaseLink::getCaseId, CaseLink::getAlgorithm)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("case-b", HashAlgorithm.SHA256));
    // The link carries the other case's id and how it matched: nothing of the other child, nor its reference
    assertThat(CaseLink.getClassSchema().getFields()).extracting(org.apache.avro.Schema.Field::name)
        .containsExactly("caseId", "linkedAt", "algorithm", "distance");
    // The police still get the second child's own referral: only the content's take-down is shared
    assertThat(b.getReferrals()).extracting(summary -> summary.getService()).contains(Service.POLICE)
        .doesNotContain(Service.TAKEDOWN);
  }

  @Test
  void shouldStillAskTheDeskOfAnotherPlatformForTheSameFile() {
    router.intakes.pipeInput("case-a", report("case-a", "AA-1111", new MediaHash(HashAlgorithm.SHA256, SHA)));
    router.intakes.pipeInput("case-b", Intakes.girlInSiemReap().setEventId("intake-case-b").setCaseId("case-b")
        .setConsents(Intakes.allConsents()).setPlatforms(List.of(OnlinePlatform.TELEGRAM, OnlinePlatform.TIKTOK))
        .setMediaHashes(List.of(new MediaHash(HashAlgorithm.SHA256, SHA))).build());

    assertThat(router.takedowns.readKeyValuesToList())
        .extracting(record -> record.key + " " + record.value.getPlatform())
        .containsExactly("case-a TELEGRAM", "case-b TIKTOK");
  }

  @Test
  void shouldLinkAPdqNearMatchAndNotAFarOne() {
    router.intakes.pipeInput("case-a", report("case-a", "AA-1111",
        new MediaHash(HashAlgorithm.PDQ, MediaHashesTestVectors.PDQ)));
    router.intakes.pipeInput("case-near", report("case-near", "NN-3333",
        new MediaHash(HashAlgorithm.PDQ, MediaHashesTestVectors.flipped(20))));
    router.intakes.pipeInput("case-far", report("case-far", "FF-4444",
        new MediaHash(HashAlgorithm.PDQ, MediaHashesTestVectors.flipped(100, 32))));

    assertThat(router.takedowns.readKeyValuesToList()).extracting(record -> record.key)
        .containsExactly("case-a", "case-far");
    List<org.apache.kafka.streams.test.TestRecord<String, CaseState>> states = router.caseStates.readRecordsToList();
    CaseState near = last(states, "case-near");
    assertThat(near.getLinks()).extracting(CaseLink::getCaseId, CaseLink::getDistance)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("case-a", 20));
    assertThat(last(states, "case-far").getLinks()).isEmpty();
    assertThat(last(states, "case-a").getLinks()).extracting(CaseLink::getCaseId).containsExactly("case-near");
  }

  @Test
  void shouldForgetAnErasedCasesHashes() {
    router.intakes.pipeInput("case-a", report("case-a", "AA-1111", new MediaHash(HashAlgorithm.MD5,
        "0123456789abcdef0123456789abcdef")));
    router.erasures.pipeInput("case-a", CaseErased.newBuilder().setEventId("erase-a").setCaseId("case-a")
        .setOccurredAt(java.time.Instant.now()).setActorId("supervisor-3").setReason("CHILD_REQUEST").build());
    router.takedowns.readValuesToList();
    router.caseStates.readValuesToList();

    router.intakes.pipeInput("case-b", report("case-b", "BB-2222", new MediaHash(HashAlgorithm.MD5,
        "0123456789ABCDEF0123456789ABCDEF")));

    assertThat(router.takedowns.readValuesToList()).as("its content is asked for again").hasSize(1);
    assertThat(router.caseStates.readValuesToList()).allSatisfy(state -> assertThat(state.getLinks()).isEmpty());
  }

  private static CaseState last(List<org.apache.kafka.streams.test.TestRecord<String, CaseState>> states,
      String caseId) {
    return states.stream().filter(record -> record.key().equals(caseId)).reduce((x, y) -> y).orElseThrow().value();
  }
}
