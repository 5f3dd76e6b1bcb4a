package org.komar.routing.casefile;

import org.komar.events.CaseLink;
import org.komar.events.CasesLinked;
import org.komar.events.MediaIndexEntry;
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
    draft.link(CaseLink.newBuilder().setCaseId(match.caseId()).setCaseReference(match.caseReference())
        .setLinkedAt(draft.now).setAlgorithm(match.algorithm()).setDistance(match.distance()).build());
    CaseLink back = CaseLink.newBuilder().setCaseId(draft.intake.getCaseId())
        .setCaseReference(draft.intake.getCaseReference()).setLinkedAt(draft.now).setAlgorithm(match.algorithm())
        .setDistance(match.distance()).build();
    draft.emit(Routed.to(Topics.CASE_LINKS, match.caseId(), CasesLinked.newBuilder().setEventId(draft.nextEventId())
        .setCaseId(match.caseId()).setOccurredAt(draft.now).setLink(back).build()));
  }

  /** The case's hashes into the index, saying whether a take-down desk has been asked for their content. */
  static void index(CaseDraft draft, boolean takedownRequested) {
    if (!draft.intake.getMediaHashes().isEmpty()) {
      draft.emit(Routed.to(Topics.MEDIA_HASHES, entry(draft).setMediaHashes(draft.intake.getMediaHashes())
          .setTakedownRequested(takedownRequested).build()));
    }
  }

  /** An erased case's hashes leave the index: no later report is linked to it. */
  static void forget(CaseDraft draft) {
    if (!draft.intake.getMediaHashes().isEmpty()) {
      draft.emit(Routed.to(Topics.MEDIA_HASHES, entry(draft).setMediaHashes(java.util.List.of())
          .setTakedownRequested(false).build()));
    }
  }

  private static MediaIndexEntry.Builder entry(CaseDraft draft) {
    return MediaIndexEntry.newBuilder().setCaseId(draft.intake.getCaseId())
        .setCaseReference(draft.intake.getCaseReference()).setUpdatedAt(draft.now);
  }
}
