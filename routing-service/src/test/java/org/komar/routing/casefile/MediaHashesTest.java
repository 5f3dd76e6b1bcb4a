package org.komar.routing.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.komar.events.HashAlgorithm;
import org.komar.events.MediaHash;
import org.komar.events.MediaIndexEntry;
import org.komar.events.OnlinePlatform;

/** Exact matches for SHA-256 and MD5, PDQ within 31 of 256 bits, and never across kinds of hash. */
class MediaHashesTest {

  private static MediaHash hash(HashAlgorithm algorithm, String value) {
    return new MediaHash(algorithm, value);
  }

  @Test
  void shouldMatchCryptographicHashesExactlyWhateverTheirCase() {
    String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    assertThat(MediaHashes.distance(hash(HashAlgorithm.SHA256, sha), hash(HashAlgorithm.SHA256, sha.toUpperCase())))
        .hasValue(0);
    assertThat(MediaHashes.distance(hash(HashAlgorithm.SHA256, sha),
        hash(HashAlgorithm.SHA256, sha.replace('9', '8')))).isEmpty();
    assertThat(MediaHashes.distance(hash(HashAlgorithm.MD5, "d41d8cd98f00b204e9800998ecf8427e"),
        hash(HashAlgorithm.MD5, "d41d8cd98f00b204e9800998ecf8427e"))).hasValue(0);
    assertThat(MediaHashes.distance(hash(HashAlgorithm.MD5, "d41d8cd98f00b204e9800998ecf8427e"),
        hash(HashAlgorithm.SHA256, "d41d8cd98f00b204e9800998ecf8427e"))).as("another kind of hash").isEmpty();
  }

  @Test
  void shouldMatchPdqWithinThirtyOneBitsAndNoFurther() {
    assertThat(MediaHashesTestVectors.flipped(31)).hasSize(64).isNotEqualTo(MediaHashesTestVectors.PDQ);
    assertThat(MediaHashes.distance(hash(HashAlgorithm.PDQ, MediaHashesTestVectors.PDQ), hash(HashAlgorithm.PDQ, MediaHashesTestVectors.PDQ))).hasValue(0);
    assertThat(MediaHashes.distance(hash(HashAlgorithm.PDQ, MediaHashesTestVectors.PDQ), hash(HashAlgorithm.PDQ, MediaHashesTestVectors.flipped(12))))
        .hasValue(12);
    assertThat(MediaHashes.distance(hash(HashAlgorithm.PDQ, MediaHashesTestVectors.PDQ), hash(HashAlgorithm.PDQ, MediaHashesTestVectors.flipped(31))))
        .hasValue(31);
    assertThat(MediaHashes.distance(hash(HashAlgorithm.PDQ, MediaHashesTestVectors.PDQ), hash(HashAlgorithm.PDQ, MediaHashesTestVectors.flipped(32))))
        .isEmpty();
    assertThat(MediaHashes.distance(hash(HashAlgorithm.PDQ, MediaHashesTestVectors.PDQ), hash(HashAlgorithm.PDQ, MediaHashesTestVectors.flipped(128))))
        .isEmpty();
  }

  @Test
  void shouldAskADeskNothingAgainOnlyWhenItWasAskedForEveryHashAlready() {
    MediaHash known = hash(HashAlgorithm.PDQ, MediaHashesTestVectors.PDQ);
    MediaHash unknown = hash(HashAlgorithm.MD5, "0123456789abcdef0123456789abcdef");
    List<MediaIndexEntry> index = List.of(
        entry("case-a", List.of(OnlinePlatform.TELEGRAM, OnlinePlatform.FACEBOOK), known),
        entry("case-b", List.of(), hash(HashAlgorithm.PDQ, MediaHashesTestVectors.flipped(3))));

    MediaHashes.Matches both = MediaHashes.match(List.of(hash(HashAlgorithm.PDQ, MediaHashesTestVectors.flipped(5))),
        index, "case-c");
    assertThat(both.cases()).extracting(MediaHashes.Match::caseId).containsExactly("case-a", "case-b");
    assertThat(both.cases()).extracting(MediaHashes.Match::distance).containsExactly(5, 2);
    assertThat(both.alreadyRequested()).containsExactlyInAnyOrder(OnlinePlatform.TELEGRAM, OnlinePlatform.FACEBOOK);
    assertThat(MediaHashes.match(List.of(known, unknown), index, "case-c").alreadyRequested())
        .as("one of its hashes is new content: every desk is asked").isEmpty();
    assertThat(MediaHashes.match(List.of(known), index, "case-a").cases()).as("not matched with itself")
        .extracting(MediaHashes.Match::caseId).containsExactly("case-b");
  }

  private static MediaIndexEntry entry(String caseId, List<OnlinePlatform> requested, MediaHash... hashes) {
    return MediaIndexEntry.newBuilder().setCaseId(caseId).setUpdatedAt(java.time.Instant.EPOCH)
        .setMediaHashes(List.of(hashes)).setTakedownPlatforms(requested).build();
  }
}
