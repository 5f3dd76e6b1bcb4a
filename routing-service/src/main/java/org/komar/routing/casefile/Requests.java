package org.komar.routing.casefile;

import java.time.Instant;
import org.apache.avro.Schema;
import org.komar.events.Audience;
import org.komar.events.IntakeReceived;
import org.komar.events.MediaHash;
import org.komar.events.OnlinePlatform;
import org.komar.events.ReferralRequested;
import org.komar.events.SealedValue;
import org.komar.events.Service;
import org.komar.events.TakedownRequested;
import org.komar.schemas.sealing.SealedFields;

/**
 * Turns an intake into the requests agencies receive, with only what each audience may have: a sealed field of
 * the intake is passed on, unopened, only when the request's schema lists the service's audience for that field
 * and the value itself was sealed for it. A take-down request carries no child field at all: URLs, hashes,
 * platform and categories only.
 */
final class Requests {

  private Requests() {
  }

  static Audience audience(Service service) {
    return Audience.valueOf(service.name());
  }

  static ReferralRequested referral(IntakeReceived intake, String eventId, Instant now, String referralId,
      Service service, String unitId, int priority, Instant deadline, boolean mandatory) {
    ReferralRequested referral = ReferralRequested.newBuilder()
        .setEventId(eventId).setCaseId(intake.getCaseId()).setOccurredAt(now)
        .setCaseReference(intake.getCaseReference()).setReferralId(referralId).setService(service)
        .setUnitId(unitId).setPriority(priority).setDeadline(deadline).setProvince(intake.getProvince())
        .setChildAgeBand(intake.getChildAgeBand()).setChildGender(intake.getChildGender())
        .setLanguage(intake.getLanguage())
        .setFemaleOfficerRequested(Boolean.TRUE.equals(intake.getPreferences().getFemaleOfficer()))
        .setIncidentCategories(intake.getIncidentCategories()).setRiskLevel(intake.getRiskLevel())
        .setMandatoryReport(mandatory)
        .build();
    Schema schema = ReferralRequested.getClassSchema();
    Audience audience = audience(service);
    for (Schema.Field field : schema.getFields()) {
      if (field.getObjectProp("audiences") == null) {
        continue;
      }
      Object value = intake.get(field.name());
      if (value instanceof SealedValue sealed && SealedFields.audiences(schema, field.name()).contains(audience)
          && sealed.getAudiences().contains(audience)) {
        referral.put(field.name(), sealed);
      }
    }
    return referral;
  }

  static TakedownRequested takedown(IntakeReceived intake, String eventId, Instant now, String requestId,
      OnlinePlatform platform, String unitId, Instant deadline) {
    SealedValue urls = intake.getContentUrls();
    boolean forTakedown = urls != null && urls.getAudiences().contains(Audience.TAKEDOWN)
        && SealedFields.audiences(TakedownRequested.getClassSchema(), "contentUrls").contains(Audience.TAKEDOWN);
    return TakedownRequested.newBuilder()
        .setEventId(eventId).setCaseId(intake.getCaseId()).setOccurredAt(now).setRequestId(requestId)
        .setUnitId(unitId).setPlatform(platform).setIncidentCategories(intake.getIncidentCategories())
        .setMediaHashes(intake.getMediaHashes().stream().map(hash -> MediaHash.newBuilder(hash).build()).toList())
        .setDeadline(deadline).setContentUrls(forTakedown ? urls : null)
        .build();
  }
}
