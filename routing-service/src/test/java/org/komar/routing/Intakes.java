package org.komar.routing;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.komar.events.AgeBand;
import org.komar.events.Audience;
import org.komar.events.Channel;
import org.komar.events.Consent;
import org.komar.events.ConsentGiver;
import org.komar.events.ConsentPurpose;
import org.komar.events.ContactChannel;
import org.komar.events.Gender;
import org.komar.events.IncidentCategory;
import org.komar.events.IntakeReceived;
import org.komar.events.Language;
import org.komar.events.Preferences;
import org.komar.events.Province;
import org.komar.events.ReporterMessages;
import org.komar.events.ReporterRelationship;
import org.komar.events.RiskLevel;
import org.komar.events.SealedValue;

/**
 * Intakes for routing tests: a 13-year-old girl in Siem Reap who reports sextortion, changed where a test needs.
 * Routing never opens sealed values, so these carry placeholders.
 */
public final class Intakes {

  private Intakes() {
  }

  /** A placeholder sealed value with its real audiences: routing never opens it, only passes it on. */
  public static SealedValue sealed(Audience... audiences) {
    return new SealedValue("case-1/1", List.of(audiences), ByteBuffer.wrap(new byte[] {1, 2, 3}));
  }

  /** She consents to the police, counselling and follow-up. */
  public static List<Consent> allConsents() {
    return java.util.Arrays.stream(ConsentPurpose.values())
        .map(purpose -> new Consent(purpose, true, ConsentGiver.CHILD_AND_GUARDIAN)).toList();
  }

  public static IntakeReceived.Builder girlInSiemReap() {
    return IntakeReceived.newBuilder().setEventId("e-1").setCaseId("case-1").setOccurredAt(Instant.EPOCH)
        .setCaseReference("K7-4MXR").setChannel(Channel.HOTLINE_PHONE).setReporterRelationship(ReporterRelationship.SELF)
        .setChildAgeBand(AgeBand.AGE_13_TO_15).setChildGender(Gender.GIRL).setProvince(Province.SIEM_REAP)
        .setLanguage(Language.KHMER)
        .setPreferences(new Preferences(true, ContactChannel.PHONE_CALL, Language.KHMER, ReporterMessages.DISCREET))
        .setConsents(List.of()).setIncidentCategories(List.of(IncidentCategory.SEXTORTION)).setPlatforms(List.of())
        .setRiskLevel(RiskLevel.HIGH).setMediaHashes(List.of()).setHotlineId("hotline-1280")
        .setChildIdentity(sealed(Audience.POLICE, Audience.PSYCHOSOCIAL, Audience.FOLLOW_UP))
        .setNarrative(sealed(Audience.POLICE, Audience.PSYCHOSOCIAL))
        .setContentUrls(null).setOffenderHandles(null)
        .setReporterContact(sealed(Audience.HOTLINE, Audience.NOTIFICATION));
  }
}
