package org.komar.vault.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.komar.events.Audience;
import org.komar.events.SealedValue;
import org.komar.infra.test.TestStack;
import org.komar.vault.CaseKeyStore;
import org.komar.vault.KeyEncryptionKey;
import org.komar.vault.KeyVault;
import org.komar.vault.hsm.Pkcs11KmsClient;
import org.komar.vault.hsm.Pkcs11Token;
import org.komar.vault.service.OnTestStack;

/**
 * The key-encryption key lives in the test stack's SoftHSM2 token: its bytes never come out, and a rotation under
 * load leaves every case openable and the old version destroyed.
 */
@MicronautTest(transactional = false)
class KekInTokenTest extends OnTestStack {

  @Inject
  VaultService vault;

  @Inject
  KeyEncryptionKey kek;

  @Inject
  CaseKeyStore keys;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
    // The vault asks the token for the KEK's versions every second here, so the rotation need wait only a little.
    properties.put("komar.vault.kek-refresh", "1s");
    return properties;
  }

  private Keks.Settings settings() {
    Map<String, String> environment = TestStack.shared().vaultEnvironment();
    return new Keks.Settings(environment.get("KOMAR_KEK_URI"), Path.of(environment.get("KOMAR_PKCS11_LIBRARY")), 0,
        environment.get("KOMAR_HSM_PIN"), Optional.empty(), Duration.ofSeconds(1));
  }

  @Test
  void shouldNeverLetTheKeyEncryptionKeyOutOfTheToken() throws Exception {
    Map<String, String> environment = TestStack.shared().vaultEnvironment();
    Pkcs11Token token = Pkcs11Token.open(Path.of(environment.get("KOMAR_PKCS11_LIBRARY")), 0,
        environment.get("KOMAR_HSM_PIN").toCharArray());
    String label = kek.primaryKeyId().substring(Pkcs11KmsClient.PREFIX.length());
    SecretKey key = token.key(label);

    // Its bytes are not given out as they are,
    assertThat(key.getEncoded()).isNull();
    // nor as a key specification,
    assertThatThrownBy(() -> SecretKeyFactory.getInstance("AES", token.provider()).getKeySpec(key,
        SecretKeySpec.class)).hasMessageContaining("key bytes");
    // nor copied into a key store that could be written to a file,
    KeyStore copy = KeyStore.getInstance("PKCS12");
    copy.load(null, null);
    assertThatThrownBy(() -> copy.setKeyEntry("kek", key, "copy".toCharArray(), null))
        .isInstanceOf(java.security.KeyStoreException.class);
    // nor wrapped out under a key the caller holds: the token refuses (CKA_EXTRACTABLE is false).
    KeyPairGenerator pairs = KeyPairGenerator.getInstance("RSA", token.provider());
    pairs.initialize(2048);
    Cipher wrapOut = Cipher.getInstance("RSA/ECB/PKCS1Padding", token.provider());
    wrapOut.init(Cipher.WRAP_MODE, pairs.generateKeyPair().getPublic());
    assertThatThrownBy(() -> wrapOut.wrap(key)).hasStackTraceContaining("CKR_KEY_UNEXTRACTABLE");
  }

  @Test
  void shouldRotateUnderLoadWithEveryCaseStillOpeningAndTheOldVersionDestroyed() throws Exception {
    // Cases sealed before the rotation, and the wrapped key of one of them as the old version wrapped it
    List<Sealed> cases = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 20; i++) {
      cases.add(seal());
    }
    String oldVersion = kek.primaryKeyId();
    CaseKeyStore.WrappedKey underOldVersion = keys.find(cases.getFirst().caseId()).orElseThrow();
    assertThat(underOldVersion.kekId()).isEqualTo(oldVersion);

    // Intakes and openings go on while it rotates
    AtomicBoolean rotating = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger sealedMeanwhile = new AtomicInteger();
    AtomicInteger openedMeanwhile = new AtomicInteger();
    Thread intakes = Thread.ofPlatform().start(() -> {
      while (rotating.get()) {
        try {
          cases.add(seal());
          sealedMeanwhile.incrementAndGet();
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }
    });
    Thread openings = Thread.ofPlatform().start(() -> {
      int next = 0;
      while (rotating.get()) {
        try {
          open(cases.get(next++ % cases.size()));
          openedMeanwhile.incrementAndGet();
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }
    });
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    RotateKekCommand.Rotation rotation;
    Map<String, String> properties = getProperties();
    try (Connection connection = DriverManager.getConnection(properties.get("datasources.default.url"),
        properties.get("datasources.default.username"), properties.get("datasources.default.password"))) {
      rotation = RotateKekCommand.rotate(Keks.open(settings()), connection,
          Path.of(properties.get("komar.audit.signing-key")), Duration.ofSeconds(3),
          new PrintStream(said, true, StandardCharsets.UTF_8));
    } finally {
      rotating.set(false);
      intakes.join();
      openings.join();
    }

    System.out.printf("KEK rotation under load: %d intakes sealed and %d openings meanwhile, %d case keys rewrapped,"
        + " destroyed %s%n", sealedMeanwhile.get(), openedMeanwhile.get(), rotation.rewrapped(), rotation.destroyed());
    assertThat(failures).as(said.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(sealedMeanwhile.get()).isPositive();
    assertThat(openedMeanwhile.get()).isPositive();
    assertThat(rotation.destroyed()).contains(oldVersion);
    assertThat(rotation.rewrapped()).isGreaterThanOrEqualTo(20);
    // Every case, from before and from during the rotation, opens under the new version
    assertThat(kek.primaryKeyId()).isEqualTo(rotation.newVersion());
    for (Sealed sealed : cases) {
      assertThat(open(sealed)).isEqualTo(sealed.text());
      assertThat(keys.find(sealed.caseId()).orElseThrow().kekId()).isEqualTo(rotation.newVersion());
    }
    // and the old version is gone from the token: a key it wrapped (a copy in some backup) never unwraps again.
    Pkcs11KmsClient client = Keks.open(settings()).token().orElseThrow();
    assertThat(client.kekVersions()).containsExactly(rotation.newVersion());
    assertThatThrownBy(() -> client.getAead(oldVersion).decrypt(underOldVersion.wrappedKeyset(),
        underOldVersion.caseId().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(java.security.GeneralSecurityException.class).hasMessageContaining("holds no secret key");
  }

  private record Sealed(String caseId, SealedValue value, String text) {
  }

  private Sealed seal() {
    String caseId = UUID.randomUUID().toString();
    String text = "ស្រីពៅ " + caseId.substring(0, 8);
    return new Sealed(caseId, vault.vault().seal(caseId, "childIdentity", List.of(Audience.POLICE), text), text);
  }

  private String open(Sealed sealed) {
    return vault.open(sealed.value(), new KeyVault.Opening(sealed.caseId(), "childIdentity", Audience.POLICE,
        "officer-17", "Interview"));
  }
}
