package org.komar.routing.casefile;

import java.math.BigInteger;

/** A PDQ hash, and copies of it some bits away, for the matching tests. */
public final class MediaHashesTestVectors {

  /** A PDQ hash as 64 hex digits. */
  public static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

  private MediaHashesTestVectors() {
  }

  /** {@link #PDQ} with {@code bits} distinct bits flipped (bits 255, 248, 241, ...: 7 apart, all distinct). */
  public static String flipped(int bits) {
    return flipped(0, bits);
  }

  /**
   * {@link #PDQ} with {@code bits} bits flipped, starting at the {@code from}-th of that sequence: two copies made
   * from disjoint stretches of it differ from each other in the sum of their flips.
   */
  public static String flipped(int from, int bits) {
    BigInteger value = new BigInteger(PDQ, 16);
    for (int bit = from; bit < from + bits; bit++) {
      value = value.flipBit(255 - bit * 7 % 256);
    }
    String hex = value.toString(16);
    return "0".repeat(64 - hex.length()) + hex;
  }
}
