package org.komar.vault.audit;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.SignatureConfig;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.komar.events.AuditCheckpoint;
import org.komar.schemas.Bytes;
import org.komar.schemas.audit.AuditChain;
import org.komar.vault.SealingException;

/**
 * Walks the audit trail from its first record and says whether it is whole: every sequence number from 1 present
 * once, each record signed by the vault's key and chained to the one before it, and the trail still reaching
 * every genuine checkpoint the vault published. It needs only the public keyset: anyone can run it.
 *
 * <p>What each tampering looks like: a record deleted, or a whole case's records, leaves a gap ({@link
 * Kind#MISSING}); a byte changed, a record forged, or two records swapped fails the signature at the first record
 * touched ({@link Kind#ALTERED}); a genuine record put in another place does not follow its predecessor ({@link
 * Kind#BROKEN_CHAIN}); a tail cut off ends the trail before a checkpoint ({@link Kind#TRUNCATED}), and a trail
 * rewritten behind a checkpoint holds another record there ({@link Kind#REWRITTEN}).
 */
public final class TrailVerifier {

  static {
    try {
      SignatureConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink's signature primitives are unavailable", e);
    }
  }

  /** A record as the trail's store holds it: the link it stands for and the vault's signature of its message. */
  public record SignedRecord(AuditChain.Link link, byte[] signature) {
  }

  public enum Kind {
    /** Records are absent: the sequence jumps here. */
    MISSING,
    /** The signature does not verify: the record was changed, forged, or moved from another sequence number. */
    ALTERED,
    /** A genuine record that does not follow the one before it: records were removed or reordered. */
    BROKEN_CHAIN,
    /** The trail ends before a checkpoint the vault signed: its tail was cut off. */
    TRUNCATED,
    /** The trail holds another record at a checkpoint's sequence than the one the vault signed there. */
    REWRITTEN
  }

  /** One thing wrong, at the first sequence number it concerns. */
  public record Problem(long sequence, Kind kind, String detail) {
  }

  /**
   * What a walk found: how many records it checked, the last sequence number, the highest genuine checkpoint (0 if
   * none), checkpoints whose signature failed (ignored), and every problem in the order of the trail.
   */
  public record Verification(long recordsChecked, long lastSequence, long checkpointSequence,
      int rejectedCheckpoints, List<Problem> problems) {

    public boolean intact() {
      return problems.isEmpty();
    }

    /** The first bad sequence number and what is wrong there; empty if the trail is whole. */
    public Optional<Problem> firstProblem() {
      return problems.stream().findFirst();
    }
  }

  private final PublicKeyVerify verifier;

  private TrailVerifier(KeysetHandle publicKeyset) throws GeneralSecurityException {
    this.verifier = publicKeyset.getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
  }

  /** A verifier for the signatures of the public keyset {@code publicKeysetJson} (Tink JSON, no secret). */
  public static TrailVerifier of(String publicKeysetJson) {
    try {
      return new TrailVerifier(TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(publicKeysetJson));
    } catch (GeneralSecurityException e) {
      throw new SealingException("The audit trail's public keyset is not a Tink public keyset", e);
    }
  }

  /** Whether a record carries the vault's genuine signature, wherever it was found (a topic's copy, say). */
  public boolean genuine(SignedRecord record) {
    return verifies(record.signature(), record.link().message());
  }

  /** Whether a checkpoint carries the vault's genuine signature. */
  public boolean genuine(AuditCheckpoint checkpoint) {
    return verifies(Bytes.of(checkpoint.getSignature()), AuditChain.checkpointMessage(checkpoint));
  }

  /** Walks {@code records}, in the order of their sequence numbers, against {@code checkpoints}. */
  public Verification verify(Iterable<SignedRecord> records, Collection<AuditCheckpoint> checkpoints) {
    Walk walk = walk(checkpoints);
    records.forEach(walk::accept);
    return walk.finish();
  }

  /** A walk that is handed the records one by one, in the order of their sequence numbers: for a trail too long to hold. */
  public Walk walk(Collection<AuditCheckpoint> checkpoints) {
    return new Walk(checkpoints);
  }

  public final class Walk {

    private final Map<Long, byte[]> signedHeads = new HashMap<>();
    private final long checkpointSequence;
    private final int rejectedCheckpoints;
    private final List<Problem> problems = new ArrayList<>();
    private long checked;
    private long expected = 1;
    private byte[] previousHash;

    private Walk(Collection<AuditCheckpoint> checkpoints) {
      List<AuditCheckpoint> genuine = checkpoints.stream().filter(TrailVerifier.this::genuine).toList();
      genuine.forEach(checkpoint -> signedHeads.put(checkpoint.getSequence(), Bytes.of(checkpoint.getHeadHash())));
      this.checkpointSequence = genuine.stream().mapToLong(AuditCheckpoint::getSequence).max().orElse(0);
      this.rejectedCheckpoints = checkpoints.size() - genuine.size();
    }

    /** Checks the next record of the trail. */
    public void accept(SignedRecord record) {
      AuditChain.Link link = record.link();
      long sequence = link.sequence();
      boolean afterGap = false;
      if (sequence > expected) {
        problem(expected, Kind.MISSING, sequence - expected == 1 ? "record " + expected + " is missing"
            : "records " + expected + " to " + (sequence - 1) + " are missing");
        afterGap = true;
      } else if (sequence < expected) {
        problem(sequence, Kind.BROKEN_CHAIN, "record " + sequence + " comes again after record " + (expected - 1));
        return;
      }
      checked++;
      byte[] hash = link.hash();
      if (!verifies(record.signature(), link.message())) {
        problem(sequence, Kind.ALTERED,
            "record " + sequence + " does not carry the vault's signature: it was changed, forged or moved");
      } else if (!afterGap && !Arrays.equals(link.previousHash(), previousHash)) {
        problem(sequence, Kind.BROKEN_CHAIN,
            "record " + sequence + " does not follow the record before it: records were removed or reordered");
      }
      byte[] signedHead = signedHeads.get(sequence);
      if (signedHead != null && !Arrays.equals(signedHead, hash)) {
        problem(sequence, Kind.REWRITTEN, "record " + sequence + " is not the one the vault's checkpoint signed there");
      }
      previousHash = hash;
      expected = sequence + 1;
    }

    /** Records a problem found beside the signatures, such as a stored copy that contradicts its signed record. */
    public void problem(long sequence, Kind kind, String detail) {
      problems.add(new Problem(sequence, kind, detail));
    }

    /** What the walk found, once every record was handed to it. */
    public Verification finish() {
      long last = expected - 1;
      List<Problem> found = new ArrayList<>(problems);
      if (checkpointSequence > last) {
        found.add(new Problem(last + 1, Kind.TRUNCATED, "the trail ends at record " + last
            + ", but the vault signed a checkpoint at record " + checkpointSequence));
      }
      found.sort(Comparator.comparingLong(Problem::sequence));
      return new Verification(checked, last, checkpointSequence, rejectedCheckpoints, List.copyOf(found));
    }
  }

  private boolean verifies(byte[] signature, byte[] message) {
    try {
      verifier.verify(signature, message);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

}
