package org.komar.infra.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.komar.events.AgeBand;
import org.komar.events.AgencyUnit;
import org.komar.events.Audience;
import org.komar.events.AuditCheckpoint;
import org.komar.events.CaseErased;
import org.komar.events.CaseLink;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.CasesLinked;
import org.komar.events.Channel;
import org.komar.events.CompletionOutcome;
import org.komar.events.Consent;
import org.komar.events.ConsentGiver;
import org.komar.events.ConsentPurpose;
import org.komar.events.ContactChannel;
import org.komar.events.DeclineReason;
import org.komar.events.EscalationStep;
import org.komar.events.Gender;
import org.komar.events.HashAlgorithm;
import org.komar.events.IdentityAccessed;
import org.komar.events.IncidentCategory;
import org.komar.events.Indicator;
import org.komar.events.IndicatorSnapshot;
import org.komar.events.IntakeReceived;
import org.komar.events.Language;
import org.komar.events.MediaHash;
import org.komar.events.MediaIndexEntry;
import org.komar.events.NotificationChannel;
import org.komar.events.NotificationDelivered;
import org.komar.events.NotificationFailed;
import org.komar.events.NotificationReceipt;
import org.komar.events.OnlinePlatform;
import org.komar.events.OverrideApplied;
import org.komar.events.Preferences;
import org.komar.events.Province;
import org.komar.events.Recipient;
import org.komar.events.ReferralAccepted;
import org.komar.events.ReferralCompleted;
import org.komar.events.ReferralDeclined;
import org.komar.events.ReferralEscalated;
import org.komar.events.ReferralProgressed;
import org.komar.events.ReferralRequested;
import org.komar.events.ReferralState;
import org.komar.events.ReferralSummary;
import org.komar.events.ReferralUpdate;
import org.komar.events.ReporterMessages;
import org.komar.events.ReporterRelationship;
import org.komar.events.RiskLevel;
import org.komar.events.Service;
import org.komar.events.TakedownRequested;
import org.komar.events.TimelineEntry;
import org.komar.events.TimelineEvent;
import org.komar.schemas.Topic;
import org.komar.schemas.Topics;
import org.komar.schemas.audit.AuditChain;
import org.komar.vault.InMemoryCaseKeyStore;
import org.komar.vault.KeyVault;
import org.komar.vault.LocalFileKek;

/**
 * One realistic case told through every event of the catalogue, for tests: a 13-year-old girl in Siem Reap who
 * reports sextortion on Facebook through the hotline, asks for a female officer, and gives two URLs. Every
 * identifying and sensitive value is really sealed by the given vault, so that a canary scan over what these
 * events become finds nothing in clear.
 */
public final class SampleEvents {

  /** What the child and reporter said: the canaries a leak scan looks for. Never in clear in any event. */
  public static final String CHILD_NAME = "ស្រីពៅ ចាន់ធីតា";
  public static final String CHILD_PHONE = "+855 97 555 0142";
  public static final String REPORTER_PHONE = "+855 12 555 0199";
  public static final String NARRATIVE = "A man on Facebook threatens to share her photos unless she sends more.";
  public static final String URL_1 = "https://www.facebook.com/profile.php?id=100093555014201";
  public static final String URL_2 = "https://t.me/+canaryLeakCheck555";
  public static final String OFFENDER_HANDLE = "@kh_canary_offender_555";
  public static final List<String> CANARIES =
      List.of(CHILD_NAME, CHILD_PHONE, REPORTER_PHONE, NARRATIVE, URL_1, URL_2, OFFENDER_HANDLE);

  private static final Instant AT = Instant.parse("2026-11-29T09:15:00Z");

  private final KeyVault vault;

  public SampleEvents(KeyVault vault) {
    this.vault = vault;
  }

  /** Samples sealed by a vault of their own: keys in memory, a development KEK file in {@code secrets}. */
  public static SampleEvents withOwnVault(java.nio.file.Path secrets) {
    return new SampleEvents(new KeyVault(new InMemoryCaseKeyStore(),
        LocalFileKek.openOrCreate(secrets.resolve("kek.json")), (caseId, event) -> { },
        java.time.Clock.systemUTC()));
  }

  /** Every event topic with the events of one case on it (several for topics that carry a union). */
  public Map<Topic<String, ?>, List<SpecificRecord>> byTopic(String caseId) {
    String referralId = UUID.nameUUIDFromBytes((caseId + "/police").getBytes()).toString();
    return Map.ofEntries(
        Map.entry(Topics.CASE_INTAKES, List.of(intakeReceived(caseId))),
        Map.entry(Topics.REFERRALS_POLICE, List.of(referralRequested(caseId, referralId))),
        Map.entry(Topics.REFERRALS_PSYCHOSOCIAL, List.of(referralRequested(caseId, referralId))),
        Map.entry(Topics.REFERRALS_FOLLOW_UP, List.of(referralRequested(caseId, referralId))),
        Map.entry(Topics.TAKEDOWN_REQUESTS, List.of(takedownRequested(caseId))),
        Map.entry(Topics.REFERRAL_UPDATES, referralUpdates(caseId, referralId)),
        Map.entry(Topics.ESCALATIONS, List.of(referralEscalated(caseId, referralId))),
        Map.entry(Topics.CASE_STATES, List.of(caseState(caseId, referralId))),
        Map.entry(Topics.NOTIFICATION_RECEIPTS, notificationReceipts(caseId)),
        Map.entry(Topics.AGENCY_UNITS, List.of(agencyUnit())),
        Map.entry(Topics.RULE_OVERRIDES, List.of(overrideApplied(caseId))),
        Map.entry(Topics.CASE_ERASURES, List.of(caseErased(caseId))),
        Map.entry(Topics.CASE_LINKS, List.of(casesLinked(caseId))),
        Map.entry(Topics.MEDIA_HASHES, List.of(mediaIndexEntry(caseId))),
        Map.entry(Topics.AUDIT_EVENTS, auditEvents(caseId)),
        Map.entry(Topics.AUDIT_CHECKPOINTS, List.of(auditCheckpoint())),
        Map.entry(Topics.NAP_INDICATORS, List.of(indicatorSnapshot())));
  }

  public IntakeReceived intakeReceived(String caseId) {
    return IntakeReceived.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setCaseId(caseId)
        .setOccurredAt(AT)
        .setCaseReference("K7-4MXR")
        .setChannel(Channel.HOTLINE_PHONE)
        .setReporterRelationship(ReporterRelationship.SELF)
        .setChildAgeBand(AgeBand.AGE_13_TO_15)
        .setChildGender(Gender.GIRL)
        .setProvince(Province.SIEM_REAP)
        .setLanguage(Language.KHMER)
        .setPreferences(new Preferences(true, ContactChannel.PHONE_CALL, Language.KHMER, ReporterMessages.DISCREET))
        .setConsents(List.of(
            new Consent(ConsentPurpose.POLICE_REFERRAL, true, ConsentGiver.CHILD_AND_GUARDIAN),
            new Consent(ConsentPurpose.PSYCHOSOCIAL_SUPPORT, true, ConsentGiver.CHILD),
            new Consent(ConsentPurpose.CONTENT_REMOVAL, true, ConsentGiver.CHILD),
            new Consent(ConsentPurpose.REPORTER_UPDATES, true, ConsentGiver.CHILD)))
        .setIncidentCategories(List.of(IncidentCategory.SEXTORTION))
        .setPlatforms(List.of(OnlinePlatform.FACEBOOK, OnlinePlatform.TELEGRAM))
        .setRiskLevel(RiskLevel.HIGH)
        .setMediaHashes(List.of(new MediaHash(HashAlgorithm.SHA256,
            "9f2c4e1b7a3d5f6e8c0b1a2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f")))
        .setHotlineId("hotline-1280")
        .setChildIdentity(seal(caseId, "childIdentity", "{\"name\": \"" + CHILD_NAME + "\", \"phone\": \""
            + CHILD_PHONE + "\"}", Audience.POLICE, Audience.PSYCHOSOCIAL, Audience.FOLLOW_UP))
        .setNarrative(seal(caseId, "narrative", NARRATIVE, Audience.POLICE, Audience.PSYCHOSOCIAL))
        .setContentUrls(seal(caseId, "contentUrls", "[\"" + URL_1 + "\", \"" + URL_2 + "\"]",
            Audience.POLICE, Audience.TAKEDOWN))
        .setOffenderHandles(seal(caseId, "offenderHandles", OFFENDER_HANDLE, Audience.POLICE))
        .setReporterContact(seal(caseId, "reporterContact", REPORTER_PHONE, Audience.HOTLINE, Audience.NOTIFICATION))
        .build();
  }

  public ReferralRequested referralRequested(String caseId, String referralId) {
    IntakeReceived intake = intakeReceived(caseId);
    return ReferralRequested.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setCaseId(caseId)
        .setOccurredAt(AT.plusSeconds(2))
        .setCaseReference(intake.getCaseReference())
        .setReferralId(referralId)
        .setService(Service.POLICE)
        .setUnitId("police-siem-reap-juvenile")
        .setPriority(2)
        .setDeadline(AT.plus(Duration.ofHours(24)))
        .setProvince(Province.SIEM_REAP)
        .setChildAgeBand(AgeBand.AGE_13_TO_15)
        .setChildGender(Gender.GIRL)
        .setLanguage(Language.KHMER)
        .setFemaleOfficerRequested(true)
        .setIncidentCategories(List.of(IncidentCategory.SEXTORTION))
        .setRiskLevel(RiskLevel.HIGH)
        .setMandatoryReport(false)
        .setChildIdentity(intake.getChildIdentity())
        .setNarrative(intake.getNarrative())
        .setContentUrls(intake.getContentUrls())
        .setOffenderHandles(intake.getOffenderHandles())
        .build();
  }

  public TakedownRequested takedownRequested(String caseId) {
    IntakeReceived intake = intakeReceived(caseId);
    return TakedownRequested.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setCaseId(caseId)
        .setOccurredAt(AT.plusSeconds(2))
        .setRequestId("TD-" + caseId.substring(0, 8))
        .setUnitId("takedown-meta-trust-safety")
        .setPlatform(OnlinePlatform.FACEBOOK)
        .setIncidentCategories(intake.getIncidentCategories())
        .setMediaHashes(intake.getMediaHashes())
        .setDeadline(AT.plus(Duration.ofHours(24)))
        .setContentUrls(intake.getContentUrls())
        .build();
  }

  public List<SpecificRecord> referralUpdates(String caseId, String referralId) {
    return List.of(
        new ReferralUpdate(ReferralAccepted.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
            .setOccurredAt(AT.plusSeconds(600)).setReferralId(referralId).setUnitId("police-siem-reap-juvenile")
            .setActorId("officer-17").setFemaleOfficerAssigned(true).build()),
        new ReferralUpdate(ReferralDeclined.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
            .setOccurredAt(AT.plusSeconds(300)).setReferralId(referralId).setUnitId("police-oddar-meanchey")
            .setActorId("officer-2").setReason(DeclineReason.NO_FEMALE_OFFICER).setNote(null).build()),
        new ReferralUpdate(ReferralProgressed.newBuilder().setEventId(UUID.randomUUID().toString())
            .setCaseId(caseId).setOccurredAt(AT.plusSeconds(7200)).setReferralId(referralId)
            .setUnitId("police-siem-reap-juvenile").setActorId("officer-17")
            .setNote(seal(caseId, "note", "Met " + CHILD_NAME + " with her mother; statement taken.",
                Audience.POLICE, Audience.PSYCHOSOCIAL, Audience.FOLLOW_UP))
            .build()),
        new ReferralUpdate(ReferralCompleted.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
            .setOccurredAt(AT.plus(Duration.ofDays(9))).setReferralId(referralId)
            .setUnitId("police-siem-reap-juvenile").setActorId("officer-17")
            .setOutcome(CompletionOutcome.SERVICE_PROVIDED).build()));
  }

  public ReferralEscalated referralEscalated(String caseId, String referralId) {
    return ReferralEscalated.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
        .setOccurredAt(AT.plus(Duration.ofHours(24))).setReferralId(referralId).setService(Service.PSYCHOSOCIAL)
        .setUnitId("ngo-siem-reap-counselling").setDeadline(AT.plus(Duration.ofHours(24)))
        .setStep(EscalationStep.REASSIGNED).setNextUnitId("ngo-battambang-counselling").build();
  }

  public CaseState caseState(String caseId, String referralId) {
    return CaseState.newBuilder().setCaseId(caseId).setCaseReference("K7-4MXR").setUpdatedAt(AT.plusSeconds(600))
        .setVersion(3).setStatus(CaseStatus.IN_PROGRESS).setProvince(Province.SIEM_REAP)
        .setRiskLevel(RiskLevel.HIGH)
        .setReferrals(List.of(new ReferralSummary(referralId, Service.POLICE, "police-siem-reap-juvenile",
            ReferralState.ACCEPTED, 2, AT.plus(Duration.ofHours(24)), AT.plusSeconds(600))))
        .setTimeline(List.of(
            new TimelineEntry(AT.plusSeconds(2), TimelineEvent.REFERRAL_REQUESTED, ReferralState.REQUESTED, referralId, "police-siem-reap-juvenile",
                UUID.randomUUID().toString()),
            new TimelineEntry(AT.plusSeconds(600), TimelineEvent.REFERRAL_ACCEPTED, ReferralState.ACCEPTED, referralId, "police-siem-reap-juvenile",
                UUID.randomUUID().toString())))
        .build();
  }

  public List<SpecificRecord> notificationReceipts(String caseId) {
    return List.of(
        new NotificationReceipt(NotificationDelivered.newBuilder().setEventId(UUID.randomUUID().toString())
            .setCaseId(caseId).setOccurredAt(AT.plusSeconds(3)).setNotificationId(UUID.randomUUID().toString())
            .setChannel(NotificationChannel.WEBHOOK).setRecipient(Recipient.AGENCY_UNIT)
            .setUnitId("police-siem-reap-juvenile").setAttempts(1).build()),
        new NotificationReceipt(NotificationFailed.newBuilder().setEventId(UUID.randomUUID().toString())
            .setCaseId(caseId).setOccurredAt(AT.plusSeconds(900)).setNotificationId(UUID.randomUUID().toString())
            .setChannel(NotificationChannel.SMS).setRecipient(Recipient.REPORTER).setUnitId(null).setAttempts(6)
            .setError("SMS gateway answered 503 six times").build()));
  }

  public AgencyUnit agencyUnit() {
    return AgencyUnit.newBuilder().setUnitId("police-siem-reap-juvenile")
        .setName("Siem Reap Provincial Police, Juvenile Protection Office").setService(Service.POLICE)
        .setProvinces(List.of(Province.SIEM_REAP, Province.ODDAR_MEANCHEY)).setLanguages(List.of(Language.KHMER))
        .setFemaleOfficersAvailable(2).setCapacity(12).setActive(true).setSupervisorUnitId("police-national-ajp")
        .setWebhookUrl("https://police-sr.example.org/komar/referrals").setSmsNumber("+855 63 000 000")
        .setEmail("juvenile@police-sr.example.org").build();
  }

  /**
   * Three records of the audit trail, linked as the vault links them; signed by no key (a sample signature's bytes),
   * as readers of the topic see their shape.
   */
  public List<SpecificRecord> auditEvents(String caseId) {
    List<SpecificRecord> events = List.of(
        IdentityAccessed.newBuilder().setEventId(UUID.randomUUID().toString())
            .setCaseId(caseId).setOccurredAt(AT.plusSeconds(700)).setActorId("officer-17").setUnitId("police-pp")
            .setAudience(Audience.POLICE).setField("childIdentity").setPurpose("Arrange the interview").build(),
        overrideApplied(caseId),
        CaseErased.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
            .setOccurredAt(AT.plus(Duration.ofDays(365))).setActorId("supervisor-3")
            .setReason("Retention period ended").build());
    List<SpecificRecord> linked = new java.util.ArrayList<>();
    AuditChain.Link link = null;
    for (SpecificRecord event : events) {
      link = AuditChain.Link.after(link, event);
      linked.add(link.envelope(event, new byte[64]));
    }
    return linked;
  }

  /** A case the vault crypto-shredded, as it tells routing. */
  /** A later case reported content this case holds too. */
  public CasesLinked casesLinked(String caseId) {
    return CasesLinked.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
        .setOccurredAt(AT.plus(Duration.ofDays(2))).setLink(CaseLink.newBuilder()
            .setCaseId(UUID.nameUUIDFromBytes((caseId + "/later").getBytes(StandardCharsets.UTF_8)).toString())
            .setLinkedAt(AT.plus(Duration.ofDays(2))).setAlgorithm(HashAlgorithm.PDQ).setDistance(12).build())
        .build();
  }

  /** The case's media hashes as routing's index keeps them. */
  public MediaIndexEntry mediaIndexEntry(String caseId) {
    return MediaIndexEntry.newBuilder().setCaseId(caseId).setUpdatedAt(AT)
        .setMediaHashes(intakeReceived(caseId).getMediaHashes())
        .setTakedownPlatforms(List.of(OnlinePlatform.FACEBOOK, OnlinePlatform.TELEGRAM)).build();
  }

  public CaseErased caseErased(String caseId) {
    return CaseErased.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
        .setOccurredAt(AT.plus(Duration.ofDays(365))).setActorId("supervisor-3").setReason("Retention period ended")
        .build();
  }

  /** A checkpoint of a trail's head, with a sample signature's bytes. */
  public AuditCheckpoint auditCheckpoint() {
    return AuditCheckpoint.newBuilder().setSequence(3).setHeadHash(java.nio.ByteBuffer.wrap(new byte[32]))
        .setPublishedAt(AT.plus(Duration.ofDays(365))).setSignature(java.nio.ByteBuffer.wrap(new byte[64])).build();
  }

  /** A rule routing overrode, as it hands it to the vault for the trail. */
  public OverrideApplied overrideApplied(String caseId) {
    return OverrideApplied.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
        .setOccurredAt(AT.plusSeconds(2)).setActorId("routing-service").setRule("female-officer-nearest-province")
        .setReason("No female officer available in the province; nearest province used").build();
  }

  public IndicatorSnapshot indicatorSnapshot() {
    return IndicatorSnapshot.newBuilder().setEventId(UUID.randomUUID().toString()).setIndicator(Indicator.INTAKES)
        .setWindowStart(Instant.parse("2026-11-01T00:00:00Z")).setWindowEnd(Instant.parse("2026-12-01T00:00:00Z"))
        .setProvince(Province.SIEM_REAP).setCategory(IncidentCategory.SEXTORTION).setValue(null).setSuppressed(true)
        .build();
  }

  private org.komar.events.SealedValue seal(String caseId, String field, String plaintext, Audience... audiences) {
    return vault.seal(caseId, field, List.of(audiences), plaintext);
  }
}
