package org.komar.intake.intake;

import java.time.Instant;
import java.util.List;
import org.komar.events.Consent;
import org.komar.events.IntakeReceived;
import org.komar.events.MediaHash;
import org.komar.events.Preferences;
import org.komar.events.SealedValue;
import org.komar.intake.api.IntakeRequest;

/** Builds the {@code IntakeReceived} event of a request, its sensitive fields already sealed. */
final class IntakeEvents {

  private IntakeEvents() {
  }

  static IntakeReceived received(String eventId, String caseId, String reference, Instant receivedAt,
      IntakeRequest request, SealedValue identity, SealedValue narrative, SealedValue urls, SealedValue handles,
      SealedValue contact) {
    return IntakeReceived.newBuilder()
        .setEventId(eventId)
        .setCaseId(caseId)
        .setOccurredAt(receivedAt)
        .setCaseReference(reference)
        .setChannel(request.channel())
        .setReporterRelationship(request.reporterRelationship())
        .setChildAgeBand(request.child().ageBand())
        .setChildGender(request.child().gender())
        .setProvince(request.child().province())
        .setLanguage(request.child().language())
        .setPreferences(new Preferences(request.preferences().femaleOfficer(),
            request.preferences().contactChannel(), request.preferences().language(),
            request.preferences().messagesToReporter()))
        .setConsents(request.consents().stream()
            .map(consent -> new Consent(consent.purpose(), consent.granted(), consent.givenBy())).toList())
        .setIncidentCategories(List.copyOf(request.incidentCategories()))
        .setPlatforms(request.platforms() == null ? List.of() : List.copyOf(request.platforms()))
        .setRiskLevel(request.riskLevel())
        .setMediaHashes(request.mediaHashes() == null ? List.of() : request.mediaHashes().stream()
            .map(hash -> new MediaHash(hash.algorithm(), hash.value())).toList())
        .setHotlineId(request.hotlineId())
        .setChildIdentity(identity)
        .setNarrative(narrative)
        .setContentUrls(urls)
        .setOffenderHandles(handles)
        .setReporterContact(contact)
        .build();
  }
}
