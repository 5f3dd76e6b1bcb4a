package org.komar.infra.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its ChromeDriver, installed by {@code bin/install-browser} if missing, with
 * a phone-sized window. Never downloads a browser of its own (Selenium Manager is not used). Selenium is an optional
 * dependency here: a module whose tests use this class declares it itself, so no other module's tests carry it.
 */
public final class Browser implements AutoCloseable {

  /** A large phone (the console's pages), and a small cheap one (the public reporting page). */
  public static final Dimension LARGE_PHONE = new Dimension(412, 915);
  public static final Dimension SMALL_PHONE = new Dimension(360, 740);

  public static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  public final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  public static Browser start() throws IOException, InterruptedException {
    return start(LARGE_PHONE);
  }

  /** Chromium with a window of {@code size}, in Khmer. */
  public static Browser start(Dimension size) throws IOException, InterruptedException {
    install();
    Path profile = Files.createTempDirectory("komar-chromium-");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--lang=km",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    driver.manage().window().setSize(size);
    return new Browser(driver, profile);
  }

  /** The project's own set-up: installs Chromium, its driver and a Khmer font when they are missing. */
  private static void install() throws IOException, InterruptedException {
    Path script = Path.of("..", "bin", "install-browser").toAbsolutePath().normalize();
    Process install = new ProcessBuilder(script.toString()).inheritIO().start();
    if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
      throw new IllegalStateException(script + " could not install the browser the console's tests need");
    }
  }

  /** The whole page, as a phone shows it when scrolled, under {@code target/screenshots}. */
  public Path screenshot(String name) throws IOException {
    Dimension phone = driver.manage().window().getSize();
    Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(phone.getWidth(), Math.max(phone.getHeight(),
        height.intValue() + 140)));
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } finally {
      driver.manage().window().setSize(phone);
    }
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    org.komar.infra.Folders.deleteWhatCan(profile);
  }
}
