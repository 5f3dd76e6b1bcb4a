package org.komar.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A report is taken only with a token this page signed, not too fast nor too late, once, with its proof of work. */
class FormTokensTest {

  private final TestClock clock = new TestClock();
  private final FormTokens tokens = new FormTokens(clock, Duration.ofSeconds(3), Duration.ofHours(2), 8);

  @Test
  void shouldTakeAGenuineTokenOnceWithItsProofOfWork() {
    FormTokens.Issued issued = tokens.issue();
    String nonce = solve(issued.challenge());
    clock.advance(Duration.ofSeconds(30));

    assertThat(tokens.take(issued.token(), nonce)).isEmpty();
    assertThat(tokens.take(issued.token(), nonce)).contains(FormTokens.Refusal.USED);
    tokens.release(issued.token());
    assertThat(tokens.take(issued.token(), nonce)).as("released: the report was not recorded").isEmpty();
  }

  @Test
  void shouldRefuseWhatAScriptWouldSend() {
    FormTokens.Issued issued = tokens.issue();
    String nonce = solve(issued.challenge());
    assertThat(tokens.take(issued.token(), nonce)).as("sent at once").contains(FormTokens.Refusal.TOO_FAST);
    clock.advance(Duration.ofSeconds(30));
    assertThat(tokens.take(issued.token(), wrong(issued.challenge()))).contains(FormTokens.Refusal.NO_PROOF_OF_WORK);
    assertThat(tokens.take(issued.token(), null)).contains(FormTokens.Refusal.NO_PROOF_OF_WORK);
    String[] parts = issued.token().split("\\.");
    String other = tokens.issue().token().split("\\.")[1];
    assertThat(tokens.take(parts[0] + "." + other, nonce)).as("another token's signature")
        .contains(FormTokens.Refusal.FORGED);
    assertThat(tokens.take("", nonce)).contains(FormTokens.Refusal.MALFORMED);
    assertThat(tokens.take("x".repeat(500), nonce)).contains(FormTokens.Refusal.MALFORMED);
    FormTokens another = new FormTokens(clock, Duration.ofSeconds(3), Duration.ofHours(2), 8);
    assertThat(another.take(issued.token(), nonce)).as("signed by another process")
        .contains(FormTokens.Refusal.FORGED);
    clock.advance(Duration.ofHours(3));
    assertThat(tokens.take(issued.token(), nonce)).contains(FormTokens.Refusal.EXPIRED);
  }

  @Test
  void shouldNeedAboutTwoToTheDifficultyTriesToProve() {
    FormTokens sixteen = new FormTokens(clock, Duration.ZERO, Duration.ofHours(2), 16);
    long tries = 0;
    for (int i = 0; i < 8; i++) {
      String challenge = sixteen.issue().challenge();
      long nonce = 0;
      while (!sixteen.proven(challenge, Long.toString(nonce))) {
        nonce++;
      }
      tries += nonce + 1;
    }
    // The mean of 8 geometric draws of p = 2^-16 lies far above 2^10 and below 2^19 but for a vanishing chance.
    assertThat(tries / 8).isBetween(1L << 10, 1L << 19);
  }

  private String solve(String challenge) {
    for (long nonce = 0; ; nonce++) {
      if (tokens.proven(challenge, Long.toString(nonce))) {
        return Long.toString(nonce);
      }
    }
  }

  private String wrong(String challenge) {
    for (long nonce = 0; ; nonce++) {
      if (!tokens.proven(challenge, Long.toString(nonce))) {
        return Long.toString(nonce);
      }
    }
  }
}
