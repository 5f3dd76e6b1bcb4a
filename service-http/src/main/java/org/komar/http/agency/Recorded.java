package org.komar.http.agency;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The agency API's answer (202) to an action on a referral (acceptance, decline, progress, completion): the id of
 * the event that records it, on its way to the router, and the action in the past tense.
 */
@Serdeable
public record Recorded(String eventId, String referralId, String action) {
}
