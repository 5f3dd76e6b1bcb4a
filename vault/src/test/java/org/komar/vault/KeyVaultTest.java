package org.komar.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komar.events.Audience;
import org.komar.events.CaseErased;
import org.komar.events.IdentityAccessed;
import org.komar.events.SealedValue;

class KeyVaultTest {

  private static final String CASE = "0b6f5c2e-5f0e-4b8e-9a51-1d2c3f4a5b6c";
  private static final String OTHER_CASE = "7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6";
  private static final List<Audience> IDENTITY_AUDIENCES =
      List.of(Audience.POLICE, Audience.PSYCHOSOCIAL, Audience.FOLLOW_UP);
  private static final String IDENTITY = "{\"name\": \"សុខា ចាន់\", \"born\": \"2013-04-02\"}";

  @TempDir
  Path secrets;

  private final List<SpecificRecord> audited = new ArrayList<>();
  private final InMemoryCaseKeyStore store = new InMemoryCaseKeyStore();
  private LocalFileKek kek;
  private KeyVault vault;

  @BeforeEach
  void createVault() {
    kek = LocalFileKek.openOrCreate(secrets.resolve("kek.json"));
    vault = new KeyVault(store, kek, (caseId, event) -> audited.add(event),
        Clock.fixed(Instant.parse("2026-11-29T09:15:00Z"), ZoneOffset.UTC));
  }

  private static KeyVault.Opening as(Audience audience, String caseId, String field) {
    return new KeyVault.Opening(caseId, field, audience, "officer-17", "Meet the child at the provincial office");
  }

  @Test
  void shouldOpenForAnAudienceInTheListAndRecordIt() {
    SealedValue sealed = vault.seal(CASE, "childIdentity", IDENTITY_AUDIENCES, IDENTITY);

    String opened = vault.open(sealed, as(Audience.POLICE, CASE, "childIdentity"));

    assertThat(opened).isEqualTo(IDENTITY);
    assertThat(sealed.getCiphertext().array()).asString().doesNotContain("សុខា");
    assertThat(audited).singleElement().isInstanceOfSatisfying(IdentityAccessed.class, access -> {
      assertThat(access.getCaseId()).isEqualTo(CASE);
      assertThat(access.getField()).isEqualTo("childIdentity");
      assertThat(access.getAudience()).isEqualTo(Audience.POLICE);
      assertThat(access.getActorId()).isEqualTo("officer-17");
      assertThat(access.getPurpose()).isEqualTo("Meet the child at the provincial office");
      assertThat(access.getOccurredAt()).isEqualTo(Instant.parse("2026-11-29T09:15:00Z"));
    });
  }

  @Test
  void shouldRefuseAnAudienceOutsideTheListAndRecordNoAccess() {
    SealedValue sealed = vault.seal(CASE, "childIdentity", IDENTITY_AUDIENCES, IDENTITY);

    assertThatThrownBy(() -> vault.open(sealed, as(Audience.TAKEDOWN, CASE, "childIdentity")))
        .isInstanceOf(SealingException.AccessRefused.class)
        .hasMessageContaining("TAKEDOWN may not open childIdentity")
        .hasMessageNotContaining("សុខា");
    assertThat(audited).isEmpty();
  }

  @Test
  void shouldOpenAValueRoutingPassedOnUnopenedIntoATakedownRequest() {
    SealedValue urls = vault.seal(CASE, "contentUrls", List.of(Audience.POLICE, Audience.TAKEDOWN),
        "[\"https://t.me/+example\"]");
    // Routing copies the sealed bytes as they are into TakedownRequested.contentUrls of the same case.
    SealedValue passedOn = SealedValue.newBuilder(urls).build();

    assertThat(vault.open(passedOn, as(Audience.TAKEDOWN, CASE, "contentUrls"))).contains("t.me");
  }

  @Test
  void shouldRefuseAValueMovedToAnotherFieldOrCase() {
    SealedValue narrative = vault.seal(CASE, "narrative", List.of(Audience.POLICE), "He asked for photos");
    vault.seal(OTHER_CASE, "narrative", List.of(Audience.POLICE), "another case's narrative");

    assertThatThrownBy(() -> vault.open(narrative, as(Audience.POLICE, CASE, "offenderHandles")))
        .isInstanceOf(SealingException.NotAuthentic.class);
    assertThatThrownBy(() -> vault.open(narrative, as(Audience.POLICE, OTHER_CASE, "narrative")))
        .isInstanceOf(SealingException.NotAuthentic.class);
    assertThat(audited).isEmpty();
  }

  @Test
  void shouldRefuseAValueWhoseAudiencesWereWidened() {
    SealedValue sealed = vault.seal(CASE, "childIdentity", IDENTITY_AUDIENCES, IDENTITY);
    List<Audience> widened = new ArrayList<>(sealed.getAudiences());
    widened.add(Audience.TAKEDOWN);
    SealedValue tampered = SealedValue.newBuilder(sealed).setAudiences(widened).build();

    assertThatThrownBy(() -> vault.open(tampered, as(Audience.TAKEDOWN, CASE, "childIdentity")))
        .isInstanceOf(SealingException.NotAuthentic.class)
        .hasMessageContaining("audiences changed");
  }

  @Test
  void shouldOpenNothingOfAnErasedCase() {
    SealedValue sealed = vault.seal(CASE, "childIdentity", IDENTITY_AUDIENCES, IDENTITY);

    boolean erased = vault.erase(CASE, "supervisor-3", "Retention period ended").isPresent();

    assertThat(erased).isTrue();
    assertThatThrownBy(() -> vault.open(sealed, as(Audience.POLICE, CASE, "childIdentity")))
        .isInstanceOf(SealingException.CaseErased.class);
    assertThat(audited).singleElement().isInstanceOfSatisfying(CaseErased.class, event -> {
      assertThat(event.getCaseId()).isEqualTo(CASE);
      assertThat(event.getActorId()).isEqualTo("supervisor-3");
    });
    assertThat(vault.erase(CASE, "supervisor-3", "again")).isEmpty();
    assertThat(audited).hasSize(1);
  }

  @Test
  void shouldRotateTheKeyEncryptionKeyWithoutReEncryptingAnyEvent() {
    SealedValue sealedBefore = vault.seal(CASE, "childIdentity", IDENTITY_AUDIENCES, IDENTITY);
    String firstKek = kek.primaryKeyId();

    kek.rotate();

    assertThat(kek.primaryKeyId()).isNotEqualTo(firstKek);
    assertThat(vault.open(sealedBefore, as(Audience.POLICE, CASE, "childIdentity"))).isEqualTo(IDENTITY);
    assertThat(vault.rewrapAll()).isEqualTo(1);
    assertThat(store.find(CASE)).hasValueSatisfying(key -> assertThat(key.kekId()).isEqualTo(kek.primaryKeyId()));
    assertThat(vault.open(sealedBefore, as(Audience.PSYCHOSOCIAL, CASE, "childIdentity"))).isEqualTo(IDENTITY);
    assertThat(vault.rewrapAll()).isZero();
    // A vault started later reads the rotated keyset from the same file.
    KeyVault restarted = new KeyVault(store, LocalFileKek.openOrCreate(secrets.resolve("kek.json")),
        (caseId, event) -> { }, Clock.systemUTC());
    assertThat(restarted.open(sealedBefore, as(Audience.FOLLOW_UP, CASE, "childIdentity"))).isEqualTo(IDENTITY);
  }

  @Test
  void shouldRefuseAPurposeThatRepeatsTheSecret() {
    SealedValue sealed = vault.seal(CASE, "reporterContact", List.of(Audience.NOTIFICATION), "+855 12 345 678");

    assertThatThrownBy(() -> vault.open(sealed, new KeyVault.Opening(CASE, "reporterContact", Audience.NOTIFICATION,
        "notification-service", "SMS to +855 12 345 678")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("345");
    assertThat(audited).isEmpty();
  }

  @Test
  void shouldKeepTheLocalKeyEncryptionKeyReadableOnlyByItsOwner() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve("kek.json"))))
        .isEqualTo("rw-------");
  }
}
