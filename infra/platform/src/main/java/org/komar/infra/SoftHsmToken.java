package org.komar.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The SoftHSM2 token that holds the vault's key-encryption key locally and in the tests: a token folder of its own
 * (never the machine's shared one), with its settings file, initialized once with the user and security officer PINs
 * given. SoftHSM2 itself is installed by {@code bin/install-softhsm} when missing. The vault reaches the token through
 * SunPKCS11 ({@link #vaultEnvironment}); its keys are generated inside it and never leave it.
 */
public final class SoftHsmToken {

  public static final String LABEL = "komar";
  public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

  private final Path folder;
  private final String pin;

  private SoftHsmToken(Path folder, String pin) {
    this.folder = folder;
    this.pin = pin;
  }

  /**
   * The token in {@code folder}, initialized there on first use; SoftHSM2 installed first if missing, by the project's
   * {@code bin/install-softhsm} under {@code projectHome}.
   */
  public static synchronized SoftHsmToken ensure(Path projectHome, Path folder, String pin, String soPin) {
    Path tokens = folder.resolve("tokens");
    try {
      install(projectHome);
      Files.createDirectories(tokens);
      Path settings = folder.resolve("softhsm2.conf");
      Files.writeString(settings, "directories.tokendir = " + tokens.toAbsolutePath() + "\n"
          + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
      boolean initialized;
      try (Stream<Path> present = Files.list(tokens)) {
        initialized = present.findAny().isPresent();
      }
      if (!initialized) {
        run(List.of("softhsm2-util", "--init-token", "--free", "--label", LABEL, "--pin", pin, "--so-pin", soPin),
            Map.of("SOFTHSM2_CONF", settings.toAbsolutePath().toString()));
      }
      return new SoftHsmToken(folder.toAbsolutePath(), pin);
    } catch (IOException e) {
      throw new InfraException("Could not prepare the SoftHSM2 token in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** SoftHSM2's settings file, which the library reads from {@code SOFTHSM2_CONF}. */
  public Path settings() {
    return folder.resolve("softhsm2.conf");
  }

  /** What the vault is given to use the token: the KEK's place, the library, its settings and the user PIN. */
  public Map<String, String> vaultEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("KOMAR_KEK_URI", "pkcs11:");
    environment.put("KOMAR_PKCS11_LIBRARY", LIBRARY.toString());
    environment.put("SOFTHSM2_CONF", settings().toString());
    environment.put("KOMAR_HSM_PIN", pin);
    return environment;
  }

  private static void install(Path projectHome) {
    if (Files.isRegularFile(LIBRARY) && onPath("softhsm2-util")) {
      return;
    }
    run(List.of(projectHome.resolve("bin").resolve("install-softhsm").toString()), Map.of());
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(folder -> Files.isExecutable(Path.of(folder).resolve(command)));
  }

  private static void run(List<String> command, Map<String, String> environment) {
    try {
      ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
      builder.environment().putAll(environment);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        // The PINs are arguments of the command: never repeat the command line, only what it said.
        throw new InfraException(command.getFirst() + " failed: " + output.strip());
      }
    } catch (IOException e) {
      throw new InfraException("Could not run " + command.getFirst() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfraException("Interrupted while running " + command.getFirst(), e);
    }
  }
}
