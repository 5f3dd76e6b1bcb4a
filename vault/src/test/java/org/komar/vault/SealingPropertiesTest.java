package org.komar.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.komar.events.Audience;
import org.komar.events.SealedValue;

class SealingPropertiesTest {

  private static Path secrets;
  private static KeyVault vault;

  @BeforeContainer
  static void createVault() throws Exception {
    secrets = Files.createTempDirectory("komar-sealing-");
    vault = new KeyVault(new InMemoryCaseKeyStore(), LocalFileKek.openOrCreate(secrets.resolve("kek.json")),
        (caseId, event) -> { }, Clock.systemUTC());
  }

  @AfterContainer
  static void deleteSecrets() throws Exception {
    Files.deleteIfExists(secrets.resolve("kek.json"));
    Files.deleteIfExists(secrets);
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> khmer = Arbitraries.strings().withCharRange('\u1780', '\u17FF').ofMaxLength(200);
    // Valid Unicode only: a lone surrogate is not text, and UTF-8 cannot carry it.
    Arbitrary<String> anyUnicode = Arbitraries.strings().all().ofMaxLength(200)
        .filter(text -> text.equals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(khmer, anyUnicode, Arbitraries.just(""));
  }

  @Property(tries = 300)
  void shouldOpenExactlyWhatWasSealed(@ForAll("texts") String plaintext) {
    String caseId = UUID.randomUUID().toString();
    SealedValue sealed = vault.seal(caseId, "narrative", List.of(Audience.POLICE, Audience.PSYCHOSOCIAL), plaintext);

    String opened = vault.open(sealed, new KeyVault.Opening(caseId, "narrative", Audience.PSYCHOSOCIAL,
        "counsellor-4", "First counselling session"));

    assertThat(opened).isEqualTo(plaintext);
  }
}
