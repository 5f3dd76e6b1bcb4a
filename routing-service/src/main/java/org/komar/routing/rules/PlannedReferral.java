package org.komar.routing.rules;

import java.time.Duration;
import org.komar.events.Service;

/**
 * A referral the rules call for: the service, its priority and deadline, the rule that made it, and whether it
 * overrides a missing consent (mandatory reporting), which must be recorded as an {@code OverrideApplied}.
 */
public record PlannedReferral(String rule, Service service, int priority, Duration deadline,
    boolean overridesConsent) {
}
