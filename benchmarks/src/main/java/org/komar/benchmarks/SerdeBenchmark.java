package org.komar.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.komar.events.AgeBand;
import org.komar.events.Audience;
import org.komar.events.CaseState;
import org.komar.events.CaseStatus;
import org.komar.events.Channel;
import org.komar.events.ContactChannel;
import org.komar.events.Gender;
import org.komar.events.IncidentCategory;
import org.komar.events.IntakeReceived;
import org.komar.events.Language;
import org.komar.events.Preferences;
import org.komar.events.Province;
import org.komar.events.ReferralRequested;
import org.komar.events.ReferralState;
import org.komar.events.ReferralSummary;
import org.komar.events.ReporterMessages;
import org.komar.events.ReporterRelationship;
import org.komar.events.RiskLevel;
import org.komar.events.SealedValue;
import org.komar.events.Service;
import org.komar.events.TimelineEntry;
import org.komar.events.TimelineEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Avro binary encoding and decoding of the main events, as the registry serde does them once it has resolved a
 * schema id (cached after the first record of a subject). The registry round trip is not part of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeBenchmark {

  @Param({"IntakeReceived", "ReferralRequested", "CaseState"})
  public String event;

  private SpecificRecord record;
  private SpecificDatumWriter<SpecificRecord> writer;
  private SpecificDatumReader<SpecificRecord> reader;
  private byte[] encoded;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;

  @Setup
  public void setUp() throws IOException {
    record = switch (event) {
      case "IntakeReceived" -> intake();
      case "ReferralRequested" -> referral();
      case "CaseState" -> caseState();
      default -> throw new IllegalArgumentException(event);
    };
    writer = new SpecificDatumWriter<>(record.getSchema());
    reader = new SpecificDatumReader<>(record.getSchema());
    encoded = serialize();
  }

  @Benchmark
  public byte[] serialize() throws IOException {
    buffer.reset();
    encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
    writer.write(record, encoder);
    encoder.flush();
    return buffer.toByteArray();
  }

  @Benchmark
  public SpecificRecord deserialize() throws IOException {
    decoder = DecoderFactory.get().binaryDecoder(encoded, decoder);
    return reader.read(null, decoder);
  }

  private static SealedValue sealed(int bytes) {
    return new SealedValue("case/123456", List.of(Audience.POLICE, Audience.PSYCHOSOCIAL),
        ByteBuffer.wrap(new byte[bytes]));
  }

  private static IntakeReceived intake() {
    return IntakeReceived.newBuilder().setEventId("5d1c7f0e-8b2a-4c3d-9e4f-0a1b2c3d4e5f")
        .setCaseId("0b6f5c2e-5f0e-4b8e-9a51-1d2c3f4a5b6c").setOccurredAt(Instant.parse("2026-11-29T09:15:00Z"))
        .setCaseReference("K7-4MXR").setChannel(Channel.HOTLINE_PHONE).setReporterRelationship(ReporterRelationship.SELF)
        .setChildAgeBand(AgeBand.AGE_13_TO_15).setChildGender(Gender.GIRL).setProvince(Province.SIEM_REAP)
        .setLanguage(Language.KHMER)
        .setPreferences(new Preferences(true, ContactChannel.PHONE_CALL, Language.KHMER, ReporterMessages.DISCREET))
        .setConsents(List.of()).setIncidentCategories(List.of(IncidentCategory.SEXTORTION)).setPlatforms(List.of())
        .setRiskLevel(RiskLevel.HIGH).setMediaHashes(List.of()).setHotlineId("hotline-1280")
        .setChildIdentity(sealed(300)).setNarrative(sealed(900)).setContentUrls(sealed(150))
        .setOffenderHandles(null).setReporterContact(sealed(60)).build();
  }

  private static ReferralRequested referral() {
    return ReferralRequested.newBuilder().setEventId("5d1c7f0e-8b2a-4c3d-9e4f-0a1b2c3d4e5f")
        .setCaseId("0b6f5c2e-5f0e-4b8e-9a51-1d2c3f4a5b6c").setOccurredAt(Instant.parse("2026-11-29T09:15:02Z"))
        .setCaseReference("K7-4MXR").setReferralId("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d").setService(Service.POLICE)
        .setUnitId("police-siem-reap-juvenile").setPriority(2).setDeadline(Instant.parse("2026-11-30T09:15:00Z"))
        .setProvince(Province.SIEM_REAP).setChildAgeBand(AgeBand.AGE_13_TO_15).setChildGender(Gender.GIRL)
        .setLanguage(Language.KHMER).setFemaleOfficerRequested(true)
        .setIncidentCategories(List.of(IncidentCategory.SEXTORTION)).setRiskLevel(RiskLevel.HIGH)
        .setMandatoryReport(false).setChildIdentity(sealed(300)).setNarrative(sealed(900)).setContentUrls(null)
        .setOffenderHandles(null).build();
  }

  private static CaseState caseState() {
    Instant at = Instant.parse("2026-11-29T09:25:00Z");
    List<ReferralSummary> referrals = List.of(
        new ReferralSummary("r-1", Service.POLICE, "police-siem-reap-juvenile", ReferralState.ACCEPTED, 2, at, at),
        new ReferralSummary("r-2", Service.PSYCHOSOCIAL, "ngo-siem-reap", ReferralState.REQUESTED, 2, at, at),
        new ReferralSummary("r-3", Service.TAKEDOWN, "takedown-meta", ReferralState.COMPLETED, 2, at, at));
    List<TimelineEntry> timeline = List.of(
        new TimelineEntry(at, TimelineEvent.REFERRAL_REQUESTED, ReferralState.REQUESTED, "r-1", "police-siem-reap-juvenile", "e-1"),
        new TimelineEntry(at, TimelineEvent.REFERRAL_ACCEPTED, ReferralState.ACCEPTED, "r-1", "police-siem-reap-juvenile", "e-2"),
        new TimelineEntry(at, TimelineEvent.REFERRAL_REQUESTED, ReferralState.REQUESTED, "r-2", "ngo-siem-reap", "e-3"),
        new TimelineEntry(at, TimelineEvent.REFERRAL_COMPLETED, ReferralState.COMPLETED, "r-3", "takedown-meta", "e-4"));
    return CaseState.newBuilder().setCaseId("0b6f5c2e-5f0e-4b8e-9a51-1d2c3f4a5b6c").setCaseReference("K7-4MXR")
        .setUpdatedAt(at).setVersion(4).setStatus(CaseStatus.IN_PROGRESS).setProvince(Province.SIEM_REAP)
        .setRiskLevel(RiskLevel.HIGH).setReferrals(referrals).setTimeline(timeline).build();
  }
}
