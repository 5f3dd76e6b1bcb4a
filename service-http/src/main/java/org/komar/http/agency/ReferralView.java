package org.komar.http.agency;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import org.komar.events.ReferralState;
import org.komar.events.Service;

/** One referral of a {@link CaseView}: which unit holds it for which service, in what state, until when. */
@Serdeable
public record ReferralView(String referralId, Service service, String unitId, ReferralState state, int priority,
    Instant deadline, Instant updatedAt) {
}
