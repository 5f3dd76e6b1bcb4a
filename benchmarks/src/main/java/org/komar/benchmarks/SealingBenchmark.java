package org.komar.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.komar.events.Audience;
import org.komar.events.SealedValue;
import org.komar.vault.InMemoryCaseKeyStore;
import org.komar.vault.KeyVault;
import org.komar.vault.LocalFileKek;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Sealing and opening one field of a case, through the vault, per field of an intake. The key store is in
 * memory here, so the figures are the vault's own cost (Tink AES-256-GCM, unwrapping the case's data key under
 * the KEK on every call, audit recording as a no-op); the PostgreSQL store adds a round trip per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SealingBenchmark {

  /** Realistic sizes: a phone number, an identity record in Khmer, a reporter's narrative. */
  private static final Map<String, String> FIELDS = Map.of(
      "reporterContact", "+855 12 555 0199",
      "childIdentity", "{\"name\": \"ស្រីពៅ ចាន់ធីតា\", \"born\": \"2013-04-02\", \"phone\": \"+855 97 555 0142\","
          + " \"school\": \"សាលាអនុវិទ្យាល័យ ហ៊ុន សែន\", \"village\": \"ភូមិវាលវង់ ឃុំគោកចក\"}",
      "narrative", "ក្មេងស្រីអាយុ ១៣ ឆ្នាំ ".repeat(40));

  @Param({"reporterContact", "childIdentity", "narrative"})
  public String field;

  private Path secrets;
  private KeyVault vault;
  private SealedValue sealed;
  private KeyVault.Opening opening;
  private final String caseId = "0b6f5c2e-5f0e-4b8e-9a51-1d2c3f4a5b6c";

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    secrets = Files.createTempDirectory("komar-bench-");
    vault = new KeyVault(new InMemoryCaseKeyStore(), LocalFileKek.openOrCreate(secrets.resolve("kek.json")),
        (id, event) -> { }, Clock.systemUTC());
    sealed = vault.seal(caseId, field, List.of(Audience.POLICE, Audience.PSYCHOSOCIAL), FIELDS.get(field));
    opening = new KeyVault.Opening(caseId, field, Audience.POLICE, "officer-17", "Benchmark");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(secrets.resolve("kek.json"));
    Files.deleteIfExists(secrets);
  }

  @Benchmark
  public SealedValue seal() {
    return vault.seal(caseId, field, List.of(Audience.POLICE, Audience.PSYCHOSOCIAL), FIELDS.get(field));
  }

  @Benchmark
  public String open() {
    return vault.open(sealed, opening);
  }
}
