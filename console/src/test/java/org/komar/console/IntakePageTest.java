package org.komar.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.komar.infra.test.BearerTokens;
import org.komar.infra.test.ServiceJvm;
import org.komar.infra.test.TestStack;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A hotline operator, in headless Chromium, signs in and records a report on the intake page in Khmer with the
 * keyboard alone, and reads back the case reference and PIN; the intake service has the case. The console runs
 * in this JVM, intake-service as built in its own, on the test stack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakePageTest {

  private static final String PASSWORD = "console-test-" + UUID.randomUUID();

  private ServiceJvm intake;
  private EmbeddedServer console;
  private Browser browser;
  private String base;

  @BeforeAll
  void start() throws Exception {
    Map<String, String> stack = TestStack.shared().serviceProperties(null);
    intake = ServiceJvm.startModule(Path.of("..", "intake-service").toAbsolutePath().normalize(),
        "org.komar.intake.IntakeApplication", "intake", Map.of("PIN_KEY", stack.get("komar.reporter-pins.key"),
            "KOMAR_KEK_FILE", stack.get("komar.vault.kek-file")), health -> health.contains("\"UP\""));
    console = ApplicationContext.run(EmbeddedServer.class, Map.of(
        "micronaut.server.port", -1,
        "micronaut.security.token.jwt.signatures.secret.generator.secret",
        stack.get("micronaut.security.token.jwt.signatures.secret.generator.secret"),
        "komar.console.password", PASSWORD,
        "komar.console.intake-url", intake.uri() + "/",
        "komar.console.routing-url", "http://127.0.0.1:9/"));
    // localhost, not 127.0.0.1: Chromium keeps Secure cookies for localhost over plain HTTP.
    base = "http://localhost:" + console.getPort();
    browser = Browser.start();
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable part : new AutoCloseable[] {browser, console, intake}) {
      if (part != null) {
        part.close();
      }
    }
  }

  @Test
  void shouldRecordAReportWithTheKeyboardAloneInKhmerAndShowItsReferenceAndPin() throws Exception {
    var driver = browser.driver;
    driver.manage().deleteAllCookies();
    driver.get(base + "/intake");
    assertThat(driver.getCurrentUrl()).as("sign-in first").endsWith("/login");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("ចូលប្រើ");
    browser.screenshot("login-km");

    driver.findElement(By.id("username")).sendKeys("operator");
    driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().endsWith("/intake"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("របាយការណ៍ថ្មី");
    assertEveryFieldHasALabel();

    // What routing needs first, then the child's wishes and consent, then details: keys only, no clicks
    choose("province", "SIEM_REAP");
    choose("ageBand", "AGE_13_TO_15");
    choose("gender", "GIRL");
    choose("riskLevel", "HIGH");
    press(By.name("category.SEXTORTION"), Keys.SPACE);
    press(By.cssSelector("input[name=femaleOfficer][value=yes]"), Keys.SPACE);
    for (String purpose : List.of("POLICE_REFERRAL", "PSYCHOSOCIAL_SUPPORT", "CONTENT_REMOVAL")) {
      press(By.cssSelector("input[name='consent." + purpose + "'][value=yes]"), Keys.SPACE);
    }
    driver.findElement(By.id("narrative")).sendKeys("ក្មេងស្រីត្រូវបានគំរាមកំហែងតាមអនឡាញ។");
    driver.findElement(By.id("contentUrls")).sendKeys("https://example.org/a");
    press(By.name("platform.FACEBOOK"), Keys.SPACE);
    assertThat(new Select(driver.findElement(By.id("province"))).getFirstSelectedOption().getText())
        .isEqualTo("សៀមរាប");
    browser.screenshot("intake-km");

    // Tab from the first field reaches the button, and Enter records the report
    driver.findElement(By.id("province")).sendKeys("");
    for (int i = 0; i < 200 && !"record".equals(driver.switchTo().activeElement().getAttribute("id")); i++) {
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
    }
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("record");
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);

    await().atMost(Duration.ofSeconds(15)).until(() -> !driver.findElements(By.id("caseReference")).isEmpty());
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("របាយការណ៍ត្រូវបានកត់ត្រាហើយ");
    String reference = driver.findElement(By.id("caseReference")).getText();
    assertThat(driver.findElement(By.id("reporterPin")).getText()).matches("\\d{6}");
    browser.screenshot("intake-recorded-km");

    HttpResponse<String> recorded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(intake.uri() + "/api/v1/intakes/" + reference))
        .header("Authorization", BearerTokens.hotline("operator-2", "HOTLINE_OPERATOR", "hotline-1280")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(recorded.statusCode()).isEqualTo(200);
    assertThat(recorded.body()).contains("\"province\":\"SIEM_REAP\"");
  }

  @Test
  void shouldRefuseAFormWithoutItsTokenAndAWrongPassword() throws Exception {
    var driver = browser.driver;
    driver.manage().deleteAllCookies();
    driver.get(base + "/login");
    driver.findElement(By.id("username")).sendKeys("operator");
    driver.findElement(By.id("password")).sendKeys("not-the-password", Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().contains("/login?failed"));
    assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("មិនត្រូវគ្នា");

    driver.findElement(By.id("username")).sendKeys("operator");
    driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().endsWith("/intake"));
    String session = driver.manage().getCookieNamed("JWT").getValue();
    assertThat(driver.manage().getCookieNamed("JWT").isHttpOnly()).isTrue();
    assertThat(driver.manage().getCookieNamed("JWT").isSecure()).isTrue();

    // A form posted without the page's token, as another site would, is refused and records nothing
    HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/intake")).header("Cookie", "JWT=" + session)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("province=SIEM_REAP&ageBand=AGE_13_TO_15&gender=GIRL"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);

    // No page is kept by the browser: a reference or a PIN must not stay in its cache
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/intake"))
        .header("Cookie", "JWT=" + session).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");

    // English on request, Khmer again after
    driver.findElement(By.cssSelector("a[lang=en]")).sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        driver.findElement(By.tagName("h1")).getText().equals("New report"));
    driver.findElement(By.cssSelector("a[lang=km]")).sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        driver.findElement(By.tagName("h1")).getText().equals("របាយការណ៍ថ្មី"));
  }

  private void assertEveryFieldHasALabel() {
    for (WebElement field : browser.driver.findElements(
        By.cssSelector("main input:not([type=hidden]), main select, main textarea"))) {
      String id = field.getAttribute("id");
      boolean labelled = id != null && !id.isEmpty()
          ? !browser.driver.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty()
          : "label".equals(field.findElement(By.xpath("..")).getTagName());
      assertThat(labelled).as("a label for " + field.getAttribute("name")).isTrue();
    }
  }

  /** Picks an option of a list with the keyboard: Home, then Down as many times as the option's place. */
  private void choose(String selectId, String value) {
    WebElement select = browser.driver.findElement(By.id(selectId));
    List<String> values = new Select(select).getOptions().stream().map(option -> option.getAttribute("value"))
        .toList();
    select.sendKeys(Keys.HOME);
    for (int i = 0; i < values.indexOf(value); i++) {
      select.sendKeys(Keys.ARROW_DOWN);
    }
    assertThat(new Select(select).getFirstSelectedOption().getAttribute("value")).as(selectId).isEqualTo(value);
  }

  private void press(By control, Keys key) {
    browser.driver.findElement(control).sendKeys(key);
  }
}
