package org.komar.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.komar.events.Audience;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.ConsentPurpose;
import org.komar.events.EscalationStep;
import org.komar.events.IncidentCategory;
import org.komar.events.IntakeReceived;
import org.komar.events.OnlinePlatform;
import org.komar.events.OverrideApplied;
import org.komar.events.Province;
import org.komar.events.ReferralEscalated;
import org.komar.events.ReferralRequested;
import org.komar.events.ReferralState;
import org.komar.events.RiskLevel;
import org.komar.events.Service;
import org.komar.events.TakedownRequested;
import org.komar.routing.Intakes;

/** The routing rules of DESIGN.md, driven through the real topology one case at a time. */
class RoutingTopologyTest {

  private final RouterDriver router = new RouterDriver();

  @AfterEach
  void close() {
    router.close();
  }

  @Test
  void shouldKeepTheSubtopologyNumbersThatRunningInstancesFileTheirStoresUnder() {
    // A node built before the others renumbers them, and an upgraded instance then finds other stores in its
    // task folders: Streams wipes or, with EOS, fails to start (seen when the indicators' global table came first).
    org.apache.kafka.streams.TopologyDescription description = RoutingTopology.buildTopology(
        org.komar.routing.rules.RoutingRules.standard(), router.serdes,
        new RoutingTopology.Settings(Duration.ofSeconds(10), Duration.ofDays(1))).describe();
    java.util.Map<Integer, java.util.Set<String>> stores = new java.util.TreeMap<>();
    description.subtopologies().forEach(subtopology -> subtopology.nodes().forEach(node ->
        stores.computeIfAbsent(subtopology.id(), id -> new java.util.TreeSet<>()).addAll(
            node instanceof org.apache.kafka.streams.TopologyDescription.Processor processor ? processor.stores()
                : java.util.Set.of())));
    // Running instances keep their stores in folders named <subtopology>_<partition>: renumbering strands them
    assertThat(stores).containsEntry(1, java.util.Set.of("intakes", "cases", "deadlines", "inbox", "unit-loads"))
        .containsEntry(2, java.util.Set.of("indicator-tallies")).hasSize(2);
  }

  @Test
  void shouldWriteEveryRecordWithItsCloudEventsHeaders() {
    // Given a case that is referred
    router.intakes.pipeInput("case-1", Intakes.girlInSiemReap().setConsents(Intakes.allConsents()).build());

    // When its referral and its case state are read with their headers
    TestRecord<String, ReferralRequested> referral = router.police.readRecord();
    TestRecord<String, CaseState> state = router.caseStates.readRecord();

    // Then each says which event it is, of which type, from routing-service
    assertThat(headers(referral.headers())).containsExactlyInAnyOrderEntriesOf(Map.of(
        "ce_id", referral.value().getEventId(), "ce_type", "org.komar.events.ReferralRequested",
        "ce_source", "/komar/routing-service", "ce_specversion", "1.0"));
    assertThat(headers(state.headers())).containsEntry("ce_type", "org.komar.events.CaseState")
        .containsEntry("ce_source", "/komar/routing-service").containsEntry("ce_specversion", "1.0")
        .hasEntrySatisfying("ce_id", id -> assertThat(UUID.fromString(id)).isNotNull());
  }

  private static Map<String, String> headers(Headers headers) {
    Map<String, String> text = new java.util.HashMap<>();
    headers.forEach(header -> text.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
    return text;
  }

  @Test
  void shouldReferAGirlWhoAsksForAFemaleOfficerToUnitsInHerProvinceThatHaveOne() {
    // Given a 13-year-old girl in Siem Reap who consents to everything and asks for a female officer
    IntakeReceived intake = Intakes.girlInSiemReap().setConsents(Intakes.allConsents()).build();

    // When the intake arrives
    router.intakes.pipeInput("case-1", intake);

    // Then the police and a counsellor of Siem Reap get referrals, each due within 24 hours
    ReferralRequested police = router.police.readValue();
    assertThat(police.getUnitId()).isEqualTo("police-siem-reap-juvenile");
    assertThat(police.getPriority()).isEqualTo(2);
    assertThat(police.getDeadline()).isEqualTo(RouterDriver.START.plus(Duration.ofHours(24)));
    assertThat(police.getFemaleOfficerRequested()).isTrue();
    assertThat(police.getMandatoryReport()).isFalse();
    assertThat(router.psychosocial.readValue().getUnitId()).isEqualTo("ngo-siem-reap-counselling");
    assertThat(router.followUp.isEmpty()).isTrue();
    assertThat(router.takedowns.isEmpty()).isTrue();
    assertThat(router.escalations.isEmpty()).isTrue();
    // And the case state lists both referrals, requested
    CaseState state = router.caseStates.readValue();
    assertThat(state.getStatus()).isEqualTo(CaseStatus.OPEN);
    assertThat(state.getReferrals()).extracting(r -> r.getService() + "@" + r.getUnitId() + ":" + r.getState())
        .containsExactly("POLICE@police-siem-reap-juvenile:REQUESTED",
            "PSYCHOSOCIAL@ngo-siem-reap-counselling:REQUESTED");
    assertThat(router.inboxOf("police-siem-reap-juvenile")).hasSize(1);
  }

  @Test
  void shouldSendTheGirlToTheNearestFemaleOfficerAndTellTheSupervisorWhenHerProvinceHasNone() {
    // Given a girl in Oddar Meanchey, whose police unit has no female officer, who asks for one
    IntakeReceived intake = Intakes.girlInSiemReap().setProvince(Province.ODDAR_MEANCHEY)
        .setConsents(Intakes.allConsents()).build();

    router.intakes.pipeInput("case-1", intake);

    // Then the police referral goes to the nearest province's unit that has one, and a supervisor is told
    ReferralRequested police = router.police.readValue();
    assertThat(police.getUnitId()).isNotEqualTo("police-oddar-meanchey");
    assertThat(femaleOfficersOf(police.getUnitId())).isPositive();
    ReferralEscalated notice = router.escalations.readValue();
    assertThat(notice.getStep()).isEqualTo(EscalationStep.FALLBACK_UNIT);
    assertThat(notice.getService()).isEqualTo(Service.POLICE);
    assertThat(notice.getUnitId()).isEqualTo(police.getUnitId());
  }

  @Test
  void shouldSendTheReferralToTheUnitOfHerProvinceWhenSheDoesNotAskForAFemaleOfficer() {
    IntakeReceived intake = Intakes.girlInSiemReap().setProvince(Province.ODDAR_MEANCHEY)
        .setPreferences(Intakes.girlInSiemReap().getPreferences()).setConsents(Intakes.allConsents()).build();
    intake.getPreferences().put("femaleOfficer", false);

    router.intakes.pipeInput("case-1", intake);

    assertThat(router.police.readValue().getUnitId()).isEqualTo("police-oddar-meanchey");
    assertThat(router.escalations.isEmpty()).isTrue();
  }

  @Test
  void shouldReportImmediateDangerToThePoliceWithoutConsentAndAuditTheOverride() {
    // Given a child in immediate danger who gave no consent at all
    IntakeReceived intake = Intakes.girlInSiemReap().setRiskLevel(RiskLevel.IMMEDIATE_DANGER).build();

    router.intakes.pipeInput("case-1", intake);

    // Then the police get a priority-1 referral due within the hour, marked as a mandatory report
    ReferralRequested police = router.police.readValue();
    assertThat(police.getPriority()).isEqualTo(1);
    assertThat(police.getDeadline()).isEqualTo(RouterDriver.START.plus(Duration.ofHours(1)));
    assertThat(police.getMandatoryReport()).isTrue();
    // And the override goes to the vault, which alone writes the audit trail
    OverrideApplied override = router.overrides.readValue();
    assertThat(override.getRule()).isEqualTo("mandatory-police-report");
    assertThat(override.getCaseId()).isEqualTo("case-1");
    // And nothing that needs consent is sent
    assertThat(router.psychosocial.isEmpty()).isTrue();
  }

  @Test
  void shouldReportLiveStreamedAbuseToThePoliceWithoutConsent() {
    IntakeReceived intake = Intakes.girlInSiemReap().setRiskLevel(RiskLevel.MEDIUM)
        .setIncidentCategories(List.of(IncidentCategory.LIVE_STREAMED_ABUSE)).build();

    router.intakes.pipeInput("case-1", intake);

    assertThat(router.police.readValue().getMandatoryReport()).isTrue();
    assertThat(router.overrides.getQueueSize()).isEqualTo(1);
  }

  @Test
  void shouldNotReferToThePoliceWithoutConsentWhenNoMandatoryRuleApplies() {
    IntakeReceived intake = Intakes.girlInSiemReap().setConsents(List.of(
        new org.komar.events.Consent(ConsentPurpose.PSYCHOSOCIAL_SUPPORT, true,
            org.komar.events.ConsentGiver.CHILD))).build();

    router.intakes.pipeInput("case-1", intake);

    assertThat(router.police.isEmpty()).isTrue();
    assertThat(router.overrides.isEmpty()).isTrue();
    assertThat(router.psychosocial.readValue().getUnitId()).isEqualTo("ngo-siem-reap-counselling");
  }

  @Test
  void shouldAskEachPlatformsDeskToTakeContentDownWithoutAnyChildField() {
    // Given a report with URLs on Facebook and Telegram
    IntakeReceived intake = Intakes.girlInSiemReap()
        .setPlatforms(List.of(OnlinePlatform.FACEBOOK, OnlinePlatform.TELEGRAM))
        .setContentUrls(Intakes.sealed(Audience.POLICE, Audience.TAKEDOWN)).build();

    router.intakes.pipeInput("case-1", intake);

    // Then each platform's desk gets a request carrying the sealed URLs and nothing about the child
    List<TakedownRequested> requests = router.takedowns.readValuesToList();
    assertThat(requests).extracting(TakedownRequested::getUnitId)
        .containsExactly("takedown-meta-trust-safety", "takedown-telegram-abuse");
    assertThat(requests).allSatisfy(request -> {
      assertThat(request.getContentUrls()).isEqualTo(intake.getContentUrls());
      assertThat(request.getDeadline()).isEqualTo(RouterDriver.START.plus(Duration.ofHours(24)));
    });
    assertThat(TakedownRequested.getClassSchema().getFields()).extracting(org.apache.avro.Schema.Field::name)
        .doesNotContain("childIdentity", "narrative", "childAgeBand", "childGender", "province", "offenderHandles");
  }

  @Test
  void shouldPassOnOnlyTheSealedFieldsEachServiceMayOpen() {
    IntakeReceived intake = Intakes.girlInSiemReap().setConsents(Intakes.allConsents())
        .setContentUrls(Intakes.sealed(Audience.POLICE, Audience.TAKEDOWN))
        .setOffenderHandles(Intakes.sealed(Audience.POLICE)).build();

    router.intakes.pipeInput("case-1", intake);

    ReferralRequested police = router.police.readValue();
    assertThat(police.getChildIdentity()).isNotNull();
    assertThat(police.getNarrative()).isNotNull();
    assertThat(police.getContentUrls()).isNotNull();
    assertThat(police.getOffenderHandles()).isNotNull();
    ReferralRequested counselling = router.psychosocial.readValue();
    assertThat(counselling.getChildIdentity()).isNotNull();
    assertThat(counselling.getNarrative()).isNotNull();
    assertThat(counselling.getContentUrls()).isNull();
    assertThat(counselling.getOffenderHandles()).isNull();
    // And every sealed value on a topic can be opened by that topic's audience, by its own audience list
    assertThat(SealedOnTopics.everySealedValue(police)).allMatch(sealed -> sealed.getAudiences()
        .contains(Audience.POLICE));
    assertThat(SealedOnTopics.everySealedValue(counselling)).allMatch(sealed -> sealed.getAudiences()
        .contains(Audience.PSYCHOSOCIAL));
  }

  @Test
  void shouldEscalateAndReassignAReferralNobodyAcceptedByItsDeadline() {
    // Given the counselling referral of a girl in Siem Reap
    router.intakes.pipeInput("case-1", Intakes.girlInSiemReap().setConsents(Intakes.allConsents()).build());
    ReferralRequested first = router.psychosocial.readValue();
    router.caseStates.readValuesToList();

    // When its 24 hours pass without an acceptance
    router.advance(Duration.ofHours(24).plus(RouterDriver.SCAN));

    // Then the escalation names the late unit and the next one, which gets the referral with a new deadline
    Map<Service, ReferralEscalated> escalations = router.escalations.readValuesToList().stream()
        .collect(Collectors.toMap(ReferralEscalated::getService, e -> e));
    ReferralEscalated escalation = escalations.get(Service.PSYCHOSOCIAL);
    assertThat(escalation.getStep()).isEqualTo(EscalationStep.REASSIGNED);
    assertThat(escalation.getUnitId()).isEqualTo("ngo-siem-reap-counselling");
    ReferralRequested second = router.psychosocial.readValue();
    assertThat(second.getReferralId()).isEqualTo(first.getReferralId());
    assertThat(second.getUnitId()).isEqualTo(escalation.getNextUnitId()).isNotEqualTo(first.getUnitId());
    assertThat(femaleOfficersOf(second.getUnitId())).isPositive();
    assertThat(second.getDeadline()).isAfter(first.getDeadline());
    // And the late unit's inbox no longer holds it
    assertThat(router.inboxOf("ngo-siem-reap-counselling")).isEmpty();
    assertThat(router.inboxOf(second.getUnitId())).hasSize(1);
  }

  @Test
  void shouldKeepTheReferralWithTheLateUnitAndTellTheSupervisorWhenNoOtherUnitCanTakeIt() {
    // Given a directory with one counselling team only
    router.units.pipeInput("ngo-phnom-penh-counselling", null);
    router.units.pipeInput("ngo-battambang-counselling", null);
    router.units.pipeInput("ngo-national-supervision", null);
    router.intakes.pipeInput("case-1", Intakes.girlInSiemReap().setConsents(Intakes.allConsents()).build());
    router.psychosocial.readValue();

    router.advance(Duration.ofHours(24).plus(RouterDriver.SCAN));

    ReferralEscalated escalation = router.escalations.readValuesToList().stream()
        .filter(e -> e.getService() == Service.PSYCHOSOCIAL).findFirst().orElseThrow();
    assertThat(escalation.getStep()).isEqualTo(EscalationStep.NO_UNIT_AVAILABLE);
    assertThat(router.psychosocial.isEmpty()).isTrue();
    assertThat(router.inboxOf("ngo-siem-reap-counselling")).hasSize(1);
  }

  private static int femaleOfficersOf(String unitId) {
    return org.komar.infra.platform.SampleData.directory().stream()
        .filter(unit -> unit.getUnitId().equals(unitId)).findFirst().orElseThrow().getFemaleOfficersAvailable();
  }

  static ReferralState stateOf(CaseState state, Service service) {
    return state.getReferrals().stream().filter(r -> r.getService() == service).findFirst().orElseThrow()
        .getState();
  }
}
