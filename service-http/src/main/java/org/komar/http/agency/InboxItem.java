package org.komar.http.agency;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.komar.events.AgeBand;
import org.komar.events.Gender;
import org.komar.events.IncidentCategory;
import org.komar.events.Language;
import org.komar.events.Province;
import org.komar.events.ReferralState;
import org.komar.events.RiskLevel;
import org.komar.events.Service;

/**
 * The agency API's {@code GET /api/v1/inbox}: one open referral in a unit's inbox, INTERNAL fields only (routing
 * writes it, another routing instance and the console read it). Nothing sealed is ever in it.
 */
@Serdeable
public record InboxItem(String caseId, String caseReference, String referralId, Service service, String unitId,
    ReferralState state, int priority, Instant deadline, Province province, AgeBand childAgeBand,
    Gender childGender, Language language, boolean femaleOfficerRequested,
    List<IncidentCategory> incidentCategories, RiskLevel riskLevel) {

  /** An empty list is left out of the JSON, so an item read back may lack it. */
  public InboxItem {
    incidentCategories = incidentCategories == null ? List.of() : incidentCategories;
  }
}
