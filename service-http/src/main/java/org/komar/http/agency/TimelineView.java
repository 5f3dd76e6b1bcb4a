package org.komar.http.agency;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import org.komar.events.ReferralState;
import org.komar.events.TimelineEvent;

/** One step of a {@link CaseView}'s timeline: what happened to which referral, when, and at which unit. */
@Serdeable
public record TimelineView(Instant at, TimelineEvent event, ReferralState state, String referralId,
    String unitId) {
}
