package org.komar.routing.casefile;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.komar.events.OnlinePlatform;
import org.komar.events.ReferralState;
import org.komar.events.Service;
import org.komar.routing.rules.PlannedReferral;
import org.komar.routing.units.TakedownDesks;
import org.komar.schemas.Topics;

/**
 * Take-down requests: one per platform the content was reported on ({@code OTHER} when none was named), each to
 * that platform's desk ({@link TakedownDesks}), carrying URLs and hashes but nothing about the child.
 */
final class Takedowns {

  private Takedowns() {
  }

  /**
   * A request to the desk of each platform the content was reported on, except those already asked to remove all of
   * it in an earlier case ({@code alreadyRequested}, {@link MediaHashes}).
   */
  static void request(CaseDraft draft, PlannedReferral plan, Set<OnlinePlatform> alreadyRequested) {
    for (OnlinePlatform platform : platforms(draft)) {
      if (alreadyRequested.contains(platform)) {
        continue;
      }
      Referral request = draft.newReferral(requestId(draft, platform), Service.TAKEDOWN, plan);
      Optional<String> desk = TakedownDesks.choose(platform, draft.directory, draft.loads);
      if (desk.isEmpty()) {
        Escalations.noUnitAvailable(draft, request);
      } else {
        send(draft, request, desk.get(), platform);
      }
    }
  }

  static void send(CaseDraft draft, Referral request, String unitId, OnlinePlatform platform) {
    request.setUnitId(unitId);
    request.setState(ReferralState.REQUESTED);
    String eventId = draft.nextEventId();
    draft.emit(Routed.to(Topics.TAKEDOWN_REQUESTS, Requests.takedown(draft.intake, eventId, draft.now,
        request.getReferralId(), platform, unitId, request.getDeadline())));
    draft.opened(request, eventId);
  }

  /** The platforms the content was reported on; {@code OTHER} when none was named. */
  static List<OnlinePlatform> platforms(CaseDraft draft) {
    return draft.intake.getPlatforms().isEmpty() ? List.of(OnlinePlatform.OTHER) : draft.intake.getPlatforms();
  }

  /** The platform a take-down request was made for, known by its id. */
  static OnlinePlatform platformOf(CaseDraft draft, Referral request) {
    return draft.intake.getPlatforms().stream()
        .filter(platform -> requestId(draft, platform).equals(request.getReferralId()))
        .findFirst().orElse(OnlinePlatform.OTHER);
  }

  private static String requestId(CaseDraft draft, OnlinePlatform platform) {
    return draft.referralId(Service.TAKEDOWN.name() + "/" + platform.name());
  }
}
