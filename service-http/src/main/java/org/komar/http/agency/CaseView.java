package org.komar.http.agency;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.komar.events.CaseStatus;
import org.komar.events.Province;
import org.komar.events.RiskLevel;

/**
 * The agency API's {@code GET /api/v1/cases/{caseId}}: a case as every unit that holds one of its referrals sees
 * it, with its referrals, what every agency did, and the cases that reported the same content. INTERNAL fields only: sealed values open through the vault.
 */
@Serdeable
public record CaseView(String caseId, String caseReference, CaseStatus status, Province province,
    RiskLevel riskLevel, long version, Instant updatedAt, List<ReferralView> referrals,
    List<TimelineView> timeline, List<LinkView> links) {

  /** Empty lists are left out of the JSON, so a view read back may lack them. */
  public CaseView {
    referrals = referrals == null ? List.of() : referrals;
    timeline = timeline == null ? List.of() : timeline;
    links = links == null ? List.of() : links;
  }
}
