package org.komar.routing.casefile;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.komar.events.CaseLink;
import org.komar.events.CasesLinked;
import org.komar.events.MediaIndexEntry;
import org.komar.events.OnlinePlatform;
import org.komar.events.Service;
import org.komar.schemas.Topics;

/**
 * Cases that reported the same content ({@link MediaHashes}): a new case is linked to each earlier one it matches,
 * and each earlier one is told ({@code case-links}, keyed by it, since it may sit on another partition). A link names
 * the other case and how its hash matched, nothing of its child; who may open the other case is decided there, as
 * for any case. Every case with hashes has an entry in routing's index ({@code media-hashes}), emptied on erasure.
 */
final class CaseLinks {

  private CaseLinks() {
  }

  static void link(CaseDraft draft, MediaHashes.Match match) {
    draft.link(CaseLink.newBuilder().setCaseId(match.caseId()).setLinkedAt(draft.now)
        .setAlgorithm(match.algorithm()).setDistance(match.distance()).build());
    CaseLink back = CaseLink.newBuilder().setCaseId(draft.intake.getCaseId()).setLinkedAt(draft.now)
        .setAlgorithm(match.algorithm()).setDistance(match.distance()).build();
    draft.emit(Routed.to(Topics.CASE_LINKS, match.caseId(), CasesLinked.newBuilder().setEventId(draft.nextEventId())
        .setCaseId(match.caseId()).setOccurredAt(draft.now).setLink(back).build()));
  }

  /**
   * The case's hashes into the index, with the platforms whose desks have been asked to remove their content: by this
   * case's own requests, or by earlier cases' ({@code alreadyRequested}).
   */
  static void index(CaseDraft draft, Set<OnlinePlatform> alreadyRequested) {
    if (!draft.intake.getMediaHashes().isEmpty()) {
      Set<OnlinePlatform> requested = EnumSet.noneOf(OnlinePlatform.class);
      requested.addAll(alreadyRequested);
      if (draft.anyReferral(referral -> referral.getService() == Service.TAKEDOWN)) {
        requested.addAll(Takedowns.platforms(draft));
      }
      draft.emit(Routed.to(Topics.MEDIA_HASHES, entry(draft).setMediaHashes(draft.intake.getMediaHashes())
          .setTakedownPlatforms(List.copyOf(requested)).build()));
    }
  }

  /** An erased case's hashes leave the index: no later report is linked to it. */
  static void forget(CaseDraft draft) {
    if (!draft.intake.getMediaHashes().isEmpty()) {
      draft.emit(Routed.to(Topics.MEDIA_HASHES, entry(draft).setMediaHashes(List.of())
          .setTakedownPlatforms(List.of()).build()));
    }
  }

  private static MediaIndexEntry.Builder entry(CaseDraft draft) {
    return MediaIndexEntry.newBuilder().setCaseId(draft.intake.getCaseId()).setUpdatedAt(draft.now);
  }
}
