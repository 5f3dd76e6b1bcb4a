package org.komar.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.komar.events.Audience;
import org.komar.events.CaseErased;
import org.komar.events.IdentityAccessRefused;
import org.komar.events.IdentityAccessed;
import org.komar.events.SealedValue;
import org.komar.schemas.Bytes;
import org.komar.schemas.sealing.SealedValueFormat;

/**
 * Seals and opens the values children asked to keep secret. Each case has its own data key (AES-256-GCM, Google
 * Tink), kept only here, wrapped by the key-encryption key; no data key ever leaves the vault.
 *
 * <p>Sealing binds the case id, the field name and the field's audience list as associated data: a sealed value
 * opens only in the case and field it was sealed for, and only with the audience list it was sealed with, so it
 * can be neither moved nor have its audiences widened. Opening checks the caller's audience against that list
 * and records an {@code IdentityAccessed} audit event before it returns anything. Erasing a case deletes its
 * data key: every copy of its sealed values, in every topic, replica and backup, can no longer be opened.
 */
public final class KeyVault {

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink's AEAD primitives are unavailable", e);
    }
  }

  /**
   * Where and why a sealed value is opened, and by whom: {@code unitId} is the agency unit or hotline the asking
   * person's token names, if any, so the trail says from which unit.
   */
  public record Opening(String caseId, String field, Audience audience, String actorId, String purpose,
      String unitId) {

    /** An opening by no unit's person: a service's own, or a test's. */
    public Opening(String caseId, String field, Audience audience, String actorId, String purpose) {
      this(caseId, field, audience, actorId, purpose, null);
    }

    public Opening {
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(audience, "audience");
      Objects.requireNonNull(actorId, "actorId");
      if (purpose == null || purpose.isBlank()) {
        throw new IllegalArgumentException("Opening a sealed value needs a stated purpose");
      }
    }
  }

  private final CaseKeyStore store;
  private final KeyEncryptionKey kek;
  private final AuditTrail audit;
  private final Clock clock;

  public KeyVault(CaseKeyStore store, KeyEncryptionKey kek, AuditTrail audit, Clock clock) {
    this.store = store;
    this.kek = kek;
    this.audit = audit;
    this.clock = clock;
  }

  /** Seals a value of a case's field for the given audiences, creating the case's data key on first use. */
  public SealedValue seal(String caseId, String field, Collection<Audience> audiences, String plaintext) {
    return sealer(caseId).seal(field, audiences, plaintext);
  }

  /** Seals several fields of one case with one lookup of its data key. */
  @FunctionalInterface
  public interface CaseSealer {
    SealedValue seal(String field, Collection<Audience> audiences, String plaintext);
  }

  /** A sealer for one case, its data key looked up (or created) once: for an intake's several fields. */
  public CaseSealer sealer(String caseId) {
    return sealer(caseId, true);
  }

  /**
   * Seals a further value of a case that already has its data key, such as an agency's note on a routed case.
   * It never creates a key: an erased case stays erased ({@link SealingException.CaseErased}).
   */
  public SealedValue sealForExistingCase(String caseId, String field, Collection<Audience> audiences,
      String plaintext) {
    return sealer(caseId, false).seal(field, audiences, plaintext);
  }

  private CaseSealer sealer(String caseId, boolean createKey) {
    KeysetHandle dataKey = dataKey(caseId, createKey);
    Aead aead;
    try {
      aead = dataKey.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new SealingException("Could not use the data key of case " + caseId, e);
    }
    String keyId = keyId(caseId, dataKey);
    return (field, audiences, plaintext) -> {
      List<Audience> sortedAudiences = SealedValueFormat.canonical(audiences);
      if (sortedAudiences.isEmpty()) {
        throw new IllegalArgumentException("A sealed value needs at least one audience: " + field);
      }
      try {
        byte[] ciphertext = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
            SealedValueFormat.associatedData(caseId, field, sortedAudiences));
        return SealedValue.newBuilder()
            .setKeyId(keyId)
            .setAudiences(sortedAudiences)
            .setCiphertext(ByteBuffer.wrap(ciphertext))
            .build();
      } catch (GeneralSecurityException e) {
        throw new SealingException("Could not seal " + field + " of case " + caseId, e);
      }
    };
  }

  /**
   * Opens a sealed value where it was found. Refuses an audience not in the value's list, a value moved from
   * another case or field or whose audiences were widened, and any value of an erased case.
   */
  public String open(SealedValue sealed, Opening opening) {
    if (!sealed.getAudiences().contains(opening.audience())) {
      throw new SealingException.AccessRefused(opening.audience() + " may not open " + opening.field()
          + " of case " + opening.caseId() + "; its audiences are " + sealed.getAudiences());
    }
    KeysetHandle dataKey = dataKey(opening.caseId(), false);
    byte[] plaintext;
    try {
      plaintext = dataKey.getPrimitive(RegistryConfiguration.get(), Aead.class).decrypt(
          Bytes.of(sealed.getCiphertext()),
          SealedValueFormat.associatedData(opening.caseId(), opening.field(),
              SealedValueFormat.canonical(sealed.getAudiences())));
    } catch (GeneralSecurityException e) {
      throw new SealingException.NotAuthentic("The sealed " + opening.field() + " does not open as a value of case "
          + opening.caseId() + " with audiences " + sealed.getAudiences()
          + ": it was moved, its audiences changed, or its bytes altered", e);
    }
    String value = new String(plaintext, StandardCharsets.UTF_8);
    if (value.length() >= 4 && opening.purpose().contains(value)) {
      throw new IllegalArgumentException("The purpose of an opening must not contain the sealed value itself");
    }
    audit.record(opening.caseId(), IdentityAccessed.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setCaseId(opening.caseId())
        .setOccurredAt(clock.instant())
        .setActorId(opening.actorId())
        .setAudience(opening.audience())
        .setField(opening.field())
        .setPurpose(opening.purpose())
        .setUnitId(opening.unitId())
        .build());
    return value;
  }

  /**
   * Records that an opening was refused, before the refusal is answered: an attempt leaves the same trace as an
   * opening does. {@code reason} says why, in Komar's words, never with a value.
   */
  public void refused(Opening opening, String reason) {
    audit.record(opening.caseId(), IdentityAccessRefused.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setCaseId(opening.caseId())
        .setOccurredAt(clock.instant())
        .setActorId(opening.actorId())
        .setUnitId(opening.unitId())
        .setAudience(opening.audience())
        .setField(opening.field())
        .setPurpose(opening.purpose())
        .setReason(reason)
        .build());
  }

  /**
   * Crypto-shreds a case: deletes its data key and records {@code CaseErased}, which it returns. Empty, and nothing
   * recorded, when the case had no key (never sealed anything, or already erased).
   */
  public Optional<CaseErased> erase(String caseId, String actorId, String reason) {
    if (!store.delete(caseId)) {
      return Optional.empty();
    }
    CaseErased erased = CaseErased.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setCaseId(caseId)
        .setOccurredAt(clock.instant())
        .setActorId(actorId)
        .setReason(reason)
        .build();
    audit.record(caseId, erased);
    return Optional.of(erased);
  }

  /**
   * After a rotation of the key-encryption key: wraps every data key still wrapped under an older KEK key again
   * under the current one. Events are not touched: their data keys stay the same. Returns how many it rewrapped.
   */
  public int rewrapAll() {
    String current = kek.primaryKeyId();
    int rewrapped = 0;
    for (String caseId : store.wrappedUnderOtherThan(current)) {
      KeysetHandle dataKey;
      try {
        dataKey = dataKey(caseId, false);
      } catch (SealingException.CaseErased erasedMeanwhile) {
        continue;
      }
      store.replace(wrap(caseId, dataKey));
      rewrapped++;
    }
    return rewrapped;
  }

  private KeysetHandle dataKey(String caseId, boolean createIfAbsent) {
    var wrapped = store.find(caseId);
    if (wrapped.isEmpty()) {
      if (!createIfAbsent) {
        throw new SealingException.CaseErased("Case " + caseId + " has no data key: it was erased, or never sealed"
            + " anything");
      }
      try {
        wrapped = Optional.of(store.insertIfAbsent(
            wrap(caseId, KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM))));
      } catch (GeneralSecurityException e) {
        throw new SealingException("Could not create a data key for case " + caseId, e);
      }
    }
    try {
      return unwrap(wrapped.get());
    } catch (GeneralSecurityException | SealingException e) {
      // A rotation may have rewrapped this key, and destroyed the version it was read under, in the meantime.
      Optional<CaseKeyStore.WrappedKey> again = store.find(caseId);
      if (again.isPresent() && !again.get().kekId().equals(wrapped.get().kekId())) {
        try {
          return unwrap(again.get());
        } catch (GeneralSecurityException | SealingException retried) {
          e.addSuppressed(retried);
        }
      }
      throw new SealingException("The data key of case " + caseId + " does not unwrap under the key-encryption key"
          + " version " + wrapped.get().kekId(), e);
    }
  }

  private KeysetHandle unwrap(CaseKeyStore.WrappedKey wrapped) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.wrappedKeyset(), kek.aead(wrapped.kekId()),
        wrapped.caseId().getBytes(StandardCharsets.UTF_8));
  }

  private CaseKeyStore.WrappedKey wrap(String caseId, KeysetHandle dataKey) {
    String primary = kek.primaryKeyId();
    try {
      return new CaseKeyStore.WrappedKey(caseId, TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey,
          kek.aead(primary), caseId.getBytes(StandardCharsets.UTF_8)), primary);
    } catch (GeneralSecurityException e) {
      throw new SealingException("Could not wrap the data key of case " + caseId, e);
    }
  }

  private static String keyId(String caseId, KeysetHandle dataKey) {
    return caseId + "/" + Integer.toUnsignedString(dataKey.getPrimary().getId());
  }

}
