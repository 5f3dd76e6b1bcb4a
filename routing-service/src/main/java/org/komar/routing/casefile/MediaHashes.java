package org.komar.routing.casefile;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.komar.events.HashAlgorithm;
import org.komar.events.MediaHash;
import org.komar.events.MediaIndexEntry;
import org.komar.events.OnlinePlatform;

/**
 * Matching a report's media hashes against every earlier case's, as ICCAM does between hotlines: the same content
 * reported twice links the two cases, and each platform's desk is asked to take it down once. SHA-256, MD5 and the others match exactly
 * (hex compared without regard to case); PDQ, a perceptual hash of 256 bits, matches within {@value #PDQ_THRESHOLD}
 * bits of Hamming distance, the threshold PDQ's authors recommend. Hashes of different kinds never match.
 *
 * <p>The index is scanned whole for each intake that carries hashes: its cost grows with every case's hashes (not
 * measured yet). When that shows, index exact hashes by value, and PDQ hashes by their 32 bytes (two hashes within
 * 31 bits share at least one byte exactly).
 */
public final class MediaHashes {

  /** The largest Hamming distance at which two PDQ hashes are the same picture (PDQ's authors: 31 of 256). */
  public static final int PDQ_THRESHOLD = 31;

  /** An earlier case with matching content: its best (closest) match. */
  public record Match(String caseId, HashAlgorithm algorithm, int distance) {
  }

  /**
   * The earlier cases a report's content matches, and the platforms whose take-down desks were asked already to
   * remove every piece of it (every one of its hashes matches content requested there): the report asks those desks
   * nothing again.
   */
  public record Matches(List<Match> cases, Set<OnlinePlatform> alreadyRequested) {

    public static final Matches NONE = new Matches(List.of(), Set.of());

    public Matches {
      cases = List.copyOf(cases);
      alreadyRequested = Set.copyOf(alreadyRequested);
    }
  }

  private MediaHashes() {
  }

  /** Matches {@code hashes}, reported by {@code caseId}, against {@code index} (its own entry is skipped). */
  public static Matches match(List<MediaHash> hashes, Iterable<MediaIndexEntry> index, String caseId) {
    if (hashes.isEmpty()) {
      return Matches.NONE;
    }
    Map<String, Match> best = new LinkedHashMap<>();
    Set<OnlinePlatform> everyHashRequested = null;
    for (MediaHash hash : hashes) {
      Set<OnlinePlatform> requested = EnumSet.noneOf(OnlinePlatform.class);
      for (MediaIndexEntry entry : index) {
        if (entry.getCaseId().equals(caseId)) {
          continue;
        }
        for (MediaHash earlier : entry.getMediaHashes()) {
          OptionalInt distance = distance(hash, earlier);
          if (distance.isPresent()) {
            Match match = new Match(entry.getCaseId(), hash.getAlgorithm(), distance.getAsInt());
            best.merge(entry.getCaseId(), match, (one, other) -> one.distance() <= other.distance() ? one : other);
            requested.addAll(entry.getTakedownPlatforms());
          }
        }
      }
      if (everyHashRequested == null) {
        everyHashRequested = requested;
      } else {
        everyHashRequested.retainAll(requested);
      }
    }
    return new Matches(new ArrayList<>(best.values()), everyHashRequested);
  }

  /** How far apart two hashes are, if they are of the same content: 0 for an exact match. */
  public static OptionalInt distance(MediaHash one, MediaHash other) {
    if (one.getAlgorithm() != other.getAlgorithm()) {
      return OptionalInt.empty();
    }
    if (one.getAlgorithm() == HashAlgorithm.PDQ) {
      long[] a = pdq(one.getValue());
      long[] b = pdq(other.getValue());
      if (a != null && b != null) {
        int bits = 0;
        for (int i = 0; i < a.length; i++) {
          bits += Long.bitCount(a[i] ^ b[i]);
        }
        return bits <= PDQ_THRESHOLD ? OptionalInt.of(bits) : OptionalInt.empty();
      }
    }
    return normalised(one).equals(normalised(other)) ? OptionalInt.of(0) : OptionalInt.empty();
  }

  /** A hex hash compared without regard to case; a base64 one (PhotoDNA's) as it is written. */
  private static String normalised(MediaHash hash) {
    String value = hash.getValue().strip();
    return value.matches("[0-9A-Fa-f]+") ? value.toLowerCase(Locale.ROOT) : value;
  }

  /** A PDQ hash written as 64 hex digits, as 4 longs; null if it is not one. */
  private static long[] pdq(String value) {
    String hex = value.strip();
    if (hex.length() != 64 || !hex.matches("[0-9A-Fa-f]+")) {
      return null;
    }
    long[] words = new long[4];
    for (int i = 0; i < 4; i++) {
      words[i] = Long.parseUnsignedLong(hex.substring(i * 16, i * 16 + 16), 16);
    }
    return words;
  }
}
