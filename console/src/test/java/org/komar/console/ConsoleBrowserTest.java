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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.komar.console.signin.SessionCookie;
import org.komar.events.Audience;
import org.komar.events.IdentityAccessed;
import org.komar.infra.Ports;
import org.komar.infra.identity.KomarRealm;
import org.komar.infra.platform.SampleData;
import org.komar.infra.test.Browser;
import org.komar.infra.test.ServiceJvm;
import org.komar.infra.test.TestKeycloak;
import org.komar.infra.test.TestStack;
import org.komar.infra.test.TopicReader;
import org.komar.schemas.Topics;
import org.komar.schemas.serde.KomarSerdes;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in headless Chromium, in Khmer, with the services as built: a hotline operator records a report
 * with the keyboard alone; the Siem Reap police officer sees it in her inbox and accepts it, the counsellor
 * accepts hers, and the case's timeline shows both; an officer of another unit is refused the case. The console
 * runs in this JVM; intake-service and routing-service as built, each in its own, on the test stack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

  private static final String CHILD_NAME = "សុខា ចាន់";
  /** Indicator windows short enough that one ends while the test waits (the page shows finished windows only). */
  private static final Duration INDICATOR_WINDOW = Duration.ofSeconds(20);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private ServiceJvm intake;
  private ServiceJvm routing;
  private EmbeddedServer console;
  private Browser browser;
  private TestKeycloak keycloak;
  private String base;

  @BeforeAll
  void start() throws Exception {
    // Keycloak starts in the background: the services started after it is asked for trust it, and the console,
    // which reads its settings at start, waits for it.
    var startingBrowser = CompletableFuture.supplyAsync(() -> {
      try {
        return Browser.start();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while starting the browser", e);
      }
    });
    keycloak = TestStack.shared().keycloak();
    Map<String, String> stack = TestStack.shared().serviceProperties(null);
    SampleData.writeDirectory(TestStack.shared().kafkaSettings(),
        TestStack.shared().registry().registryApiUrl(), SampleData.withCapacityTimes(1_000));
    // The vault (the stack's, trusting Keycloak since it was asked for above), intake, routing and the browser start
    // at once: none needs another up to start (the vault's port is known beforehand), and each start is mostly
    // single-threaded.
    int vaultPort = Ports.free();
    var startingVault = CompletableFuture.supplyAsync(() -> TestStack.shared().vault(vaultPort));
    var startingIntake = CompletableFuture.supplyAsync(() -> ServiceJvm.startModule(
        Path.of("..", "intake-service").toAbsolutePath().normalize(), "org.komar.intake.IntakeApplication", "intake",
        Map.of("PIN_KEY", stack.get("komar.reporter-pins.key"), "VAULT_URL", "http://127.0.0.1:" + vaultPort),
        health -> health.contains("\"UP\"")));
    var startingRouting = CompletableFuture.supplyAsync(() -> ServiceJvm.startModule(
        Path.of("..", "routing-service").toAbsolutePath().normalize(), "org.komar.routing.RoutingApplication", null,
        Map.of("VAULT_URL", "http://127.0.0.1:" + vaultPort,
            "ROUTING_APPLICATION_ID", "komar-routing-console-" + run, "ROUTING_SESSION_TIMEOUT", "10s",
            "NAP_INDICATOR_WINDOW", INDICATOR_WINDOW.toSeconds() + "s",
            "ROUTING_STATE_DIR", Path.of("target", "routing-state-" + run).toAbsolutePath().toString()),
        health -> health.contains("RUNNING")));
    CompletableFuture.allOf(startingVault, startingIntake, startingRouting, startingBrowser)
        .exceptionally(failure -> null).join();
    // Keep whatever did start, so that stop() ends it, before the first failure is thrown.
    intake = startedOrNull(startingIntake);
    routing = startedOrNull(startingRouting);
    browser = startedOrNull(startingBrowser);
    startingVault.join();
    startingIntake.join();
    startingRouting.join();
    startingBrowser.join();
    // On the one port Keycloak sends a signed-in person back to.
    keycloak.awaitReady();
    console = ApplicationContext.run(EmbeddedServer.class, Map.of(
        "micronaut.server.port", keycloak.consolePort(),
        "komar.identity.issuer", keycloak.issuer(),
        "KOMAR_CLIENT_SECRET", keycloak.clientSecret(KomarRealm.CONSOLE),
        "komar.console.intake-url", intake.uri() + "/",
        "komar.console.routing-url", routing.uri() + "/",
        "komar.console.vault-url", "http://127.0.0.1:" + vaultPort + "/"));
    // localhost, not 127.0.0.1: Chromium keeps Secure cookies for localhost over plain HTTP.
    base = "http://localhost:" + console.getPort();
  }

  private static <T> T startedOrNull(CompletableFuture<T> starting) {
    return starting.isCompletedExceptionally() ? null : starting.join();
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable part : new AutoCloseable[] {browser, console, routing, intake}) {
      if (part != null) {
        part.close();
      }
    }
  }

  @Test
  void shouldRecordAReportWithTheKeyboardAloneInKhmerAndShowItsReferenceAndPin() throws Exception {
    var driver = browser.driver;
    signOutEverywhere();
    driver.get(base + "/intake");
    assertThat(driver.getCurrentUrl()).as("sign-in first").endsWith("/login");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("ចូលប្រើ");
    browser.screenshot("login-km");
    String reference = recordReport();
    browser.screenshot("intake-recorded-km");

    HttpResponse<String> recorded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(intake.uri() + "/api/v1/intakes/" + reference))
        .header("Authorization", keycloak.bearer("operator")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(recorded.statusCode()).isEqualTo(200);
    assertThat(recorded.body()).contains("\"province\":\"SIEM_REAP\"");
  }

  @Test
  void shouldLetEachUnitActOnItsReferralAndShowEveryAgencyTheSameTimeline() throws Exception {
    var driver = browser.driver;
    String reference = recordReport();

    // The Siem Reap police officer (a woman) finds it in her inbox, with its deadline counting down
    signIn("officer-siem-reap");
    String caseId = openFromInbox(reference, "inbox-km");
    actOnMyReferral("accept", "input[name=femaleOfficerAssigned]");
    // Having taken it on, she opens who the child is, saying why: the vault records it under her name
    String referral = driver.findElement(By.cssSelector("section.actions")).getAttribute("data-referral");
    choose("field-" + referral, "childIdentity");
    choose("purpose-" + referral, "SAFETY_CHECK");
    driver.findElement(By.cssSelector("section.actions button.open")).sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.cssSelector("dd[data-part=name]"))
        .isEmpty());
    assertThat(driver.findElement(By.cssSelector("dd[data-part=name]")).getText()).isEqualTo(CHILD_NAME);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("អត្តសញ្ញាណកុមារ");
    browser.screenshot("identity-opened-km");
    assertThat(openingsAudited(caseId)).singleElement().satisfies(opening -> {
      // The audit names the person by their identity provider's id, which no one can change or reuse
      assertThat(opening.getActorId()).isEqualTo(keycloak.subjectOf("officer-siem-reap"));
      assertThat(opening.getAudience()).isEqualTo(Audience.POLICE);
      assertThat(opening.getPurpose()).isEqualTo("SAFETY_CHECK");
    });
    // The counsellor of Siem Reap accepts the counselling referral
    signIn("counsellor-siem-reap");
    assertThat(openFromInbox(reference, null)).isEqualTo(caseId);
    actOnMyReferral("accept", null);
    // Both acceptances are on the case, as the officer sees it too
    signIn("officer-siem-reap");
    driver.get(base + "/cases/" + caseId);
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      driver.navigate().refresh();
      return driver.findElements(By.cssSelector("[data-event=REFERRAL_ACCEPTED]")).size() >= 2;
    });
    assertThat(driver.findElement(By.id("caseReference")).getText()).isEqualTo(reference);
    browser.screenshot("case-km");

    // An officer of another unit gets 403 on that case
    signIn("officer-battambang");
    driver.get(base + "/cases/" + caseId);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("មិនមែនជាករណីរបស់អង្គភាពអ្នកទេ");
    HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/cases/" + caseId)).header("Cookie", SessionCookie.NAME + "=" + driver.manage().getCookieNamed(SessionCookie.NAME)
            .getValue()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(403);
    browser.screenshot("refused-km");

    // The auditor sees, in Khmer, that the trail is whole and who opened what of this case, from which unit, and why
    signIn("auditor");
    driver.get(base + "/audit?caseId=" + caseId);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("កំណត់ត្រាសវនកម្ម");
    assertThat(driver.findElement(By.id("verification")).getAttribute("data-intact")).isEqualTo("true");
    assertThat(driver.findElements(By.cssSelector("tr[data-kind=IdentityAccessed]"))).singleElement()
        .satisfies(row -> {
          assertThat(row.getText()).contains(keycloak.subjectOf("officer-siem-reap"), "police-siem-reap-juvenile", "childIdentity",
              "SAFETY_CHECK", "បានបើក");
          assertThat(row.getAttribute("data-genuine")).isEqualTo("true");
        });
    browser.screenshot("audit-km");
    // Filtered by another unit, the opening is not there; and an officer has no audit page
    driver.get(base + "/audit?caseId=" + caseId + "&unitId=police-battambang-juvenile");
    assertThat(driver.findElements(By.cssSelector("tr[data-kind=IdentityAccessed]"))).isEmpty();
    signIn("officer-siem-reap");
    HttpResponse<String> noAudit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/audit")).header("Cookie", SessionCookie.NAME + "=" + driver.manage()
            .getCookieNamed(SessionCookie.NAME).getValue()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noAudit.statusCode()).isEqualTo(403);
  }

  @Test
  void shouldShowTheSupervisorAReferralDeclinedAndGivenToAnotherUnit() throws Exception {
    var driver = browser.driver;
    String reference = recordReport();
    signIn("officer-siem-reap");
    openFromInbox(reference, null);
    choose("reason-" + driver.findElement(By.cssSelector("section.actions")).getAttribute("data-referral"),
        "NO_CAPACITY");
    driver.findElement(By.cssSelector("section.actions button.decline")).sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.cssSelector("p.done")).isEmpty());

    // The supervisor of the police units lands on supervision and finds it there, given to another unit
    signIn("supervisor-police");
    By declined = By.xpath("//a[@class='reference' and text()='" + reference + "']/ancestor::li");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      driver.get(base + "/supervision");
      assertThat(driver.findElements(declined)).as(() -> driver.findElement(By.tagName("body")).getText())
          .isNotEmpty();
    });
    assertThat(driver.findElement(declined).findElement(By.className("reason")).getText())
        .isEqualTo("បានផ្ទេរទៅអង្គភាពផ្សេង");
    assertThat(driver.findElements(By.className("unit-without")).stream().map(WebElement::getText))
        .anyMatch(text -> text.contains("police-oddar-meanchey"));
    browser.screenshot("supervision-km");
  }

  @Test
  void shouldChartTheIndicatorsWithSmallCountsSuppressed() throws Exception {
    // Given five reports from Kratie and one from Pailin, early in one indicator window
    long window = INDICATOR_WINDOW.toMillis();
    while (System.currentTimeMillis() % window < 1_000 || System.currentTimeMillis() % window > window / 4) {
      Thread.sleep(200);
    }
    for (String province : List.of("KRATIE", "KRATIE", "KRATIE", "KRATIE", "KRATIE", "PAILIN")) {
      HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(intake.uri() + "/api/v1/intakes")).header("Content-Type", "application/json")
          .header("Authorization", keycloak.bearer("operator"))
          .POST(HttpRequest.BodyPublishers.ofString(GROOMING_REPORT.formatted(province))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    // Once that window has ended, the auditor (who starts on the indicators) finds Kratie's five as a bar in it,
    // and Pailin's one without its count
    signIn("auditor");
    assertThat(driver().getCurrentUrl()).endsWith("/indicators");
    By kratie = By.cssSelector("[data-indicator=INTAKES] li[data-province=KRATIE][data-category=GROOMING]");
    By pailin = By.cssSelector("[data-indicator=INTAKES] li[data-province=PAILIN][data-category=GROOMING]");
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      driver().get(base + "/indicators");
      List<String> windows = driver().findElements(By.cssSelector("nav.windows a")).stream()
          .map(link -> link.getAttribute("href")).toList();
      for (int i = 0; i < windows.size() && driver().findElements(kratie).isEmpty(); i++) {
        driver().get(windows.get(i));
      }
      assertThat(driver().findElements(kratie)).as(() -> driver().findElement(By.tagName("body")).getText())
          .isNotEmpty();
      assertThat(driver().findElement(kratie).findElement(By.className("value")).getText()).isEqualTo("5");
    });
    assertThat(driver().findElement(kratie).findElements(By.tagName("rect"))).singleElement()
        .satisfies(bar -> assertThat(Integer.parseInt(bar.getAttribute("width"))).isPositive());
    assertThat(driver().findElement(pailin).getAttribute("class")).contains("suppressed");
    assertThat(driver().findElement(pailin).findElement(By.className("value")).getText()).isEqualTo("តិចជាង ៥");
    assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("សូចនាករនៃផែនការសកម្មភាពជាតិ");
    browser.screenshot("indicators-km");
    // And a police officer has no indicators page
    signIn("officer-siem-reap");
    HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/indicators")).header("Cookie", SessionCookie.NAME + "=" + driver().manage().getCookieNamed(SessionCookie.NAME)
            .getValue()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  private static final String GROOMING_REPORT = """
      {"hotlineId": "hotline-1280", "channel": "HOTLINE_PHONE", "reporterRelationship": "PARENT",
       "child": {"ageBand": "AGE_13_TO_15", "gender": "BOY", "province": "%s", "language": "KHMER"},
       "preferences": {"femaleOfficer": false, "contactChannel": "PHONE_CALL", "language": "KHMER"},
       "consents": [{"purpose": "PSYCHOSOCIAL_SUPPORT", "granted": true, "givenBy": "GUARDIAN"}],
       "incidentCategories": ["GROOMING"], "riskLevel": "MEDIUM"}""";

  private org.openqa.selenium.WebDriver driver() {
    return browser.driver;
  }

  /** The identity openings of a case that reached the audit trail. */
  private List<IdentityAccessed> openingsAudited(String caseId) {
    TestStack stack = TestStack.shared();
    return TopicReader.read(stack.kafkaSettings(), Topics.AUDIT_EVENTS.name(),
            stack.serdes().valueSerde(Topics.AUDIT_EVENTS).deserializer(),
            record -> record.key().equals(caseId), 1, Duration.ofSeconds(30)).stream()
        .map(record -> record.value().getEvent()).filter(IdentityAccessed.class::isInstance)
        .map(IdentityAccessed.class::cast).toList();
  }

  /** Signs the operator in and records a report for a girl in Siem Reap with the keyboard alone; its reference. */
  private String recordReport() throws Exception {
    var driver = browser.driver;
    signIn("operator");
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
    driver.findElement(By.id("childName")).sendKeys(CHILD_NAME);
    driver.findElement(By.id("childSchool")).sendKeys("សាលាបឋមសិក្សាវត្តបូព៌");
    driver.findElement(By.id("narrative")).sendKeys("ក្មេងស្រីត្រូវបានគំរាមកំហែងតាមអនឡាញ។");
    driver.findElement(By.id("offenderHandles")).sendKeys("@dara.k.1999");
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
    assertThat(driver.findElement(By.id("reporterPin")).getText()).matches("\\d{6}");
    return driver.findElement(By.id("caseReference")).getText();
  }

  /** Signs in through Keycloak's own page, from a browser that holds no cookie of either. */
  private void signIn(String username) {
    var driver = browser.driver;
    signOutEverywhere();
    driver.get(base + "/login");
    keycloakSignIn(username, keycloak.password(username));
    await().atMost(Duration.ofSeconds(15)).until(() -> driver.getCurrentUrl().startsWith(base)
        && !driver.getCurrentUrl().contains("/login") && !driver.getCurrentUrl().contains("/oauth/"));
  }

  /** From the console's sign-in page to Keycloak's, and the name and password typed there. */
  private void keycloakSignIn(String username, String password) {
    var driver = browser.driver;
    driver.findElement(By.id("sign-in")).sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(driver.findElements(By.id("username")))
        .as(() -> "Keycloak's sign-in form, at " + driver.getCurrentUrl() + ":\n"
            + driver.findElement(By.tagName("body")).getText()).isNotEmpty());
    assertThat(driver.getCurrentUrl()).as("Keycloak's page").startsWith(keycloak.issuer());
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
  }

  /** Forgets every cookie of every site: the console's session and Keycloak's single sign-on both. */
  private void signOutEverywhere() {
    browser.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
  }

  /**
   * Waits for the case to reach this unit's inbox (a screenshot of it named {@code screenshot}, if given) and
   * opens it from there with the keyboard; its case id.
   */
  private String openFromInbox(String reference, String screenshot) throws java.io.IOException {
    var driver = browser.driver;
    By item = By.xpath("//a[@class='reference' and text()='" + reference + "']");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      driver.get(base + "/inbox");
      assertThat(driver.findElements(item)).as(() -> "the inbox shows " + reference + ":\n"
          + driver.findElement(By.tagName("body")).getText()).isNotEmpty();
    });
    WebElement countdown = driver.findElement(By.xpath("//a[text()='" + reference
        + "']/ancestor::li//time[@class='countdown']"));
    String before = countdown.getText();
    await().atMost(Duration.ofSeconds(5)).until(() -> !countdown.getText().equals(before)
        && countdown.getText().matches("\\d+:\\d{2}:\\d{2}"));
    if (screenshot != null) {
      browser.screenshot(screenshot);
    }
    driver.findElement(item).sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().contains("/cases/"));
    return driver.getCurrentUrl().replaceAll(".*/cases/([^?]+).*", "$1");
  }

  /** Acts on my unit's referral of the open case (ticking {@code tick} first, if given) and sees it recorded. */
  private void actOnMyReferral(String action, String tick) {
    var driver = browser.driver;
    if (tick != null) {
      driver.findElement(By.cssSelector("section.actions " + tick)).sendKeys(Keys.SPACE);
    }
    driver.findElement(By.cssSelector("section.actions button." + action)).sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.cssSelector("p.done")).isEmpty());
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      driver.navigate().refresh();
      return driver.findElement(By.cssSelector("section.actions .state")).getText().equals("បានទទួលយក");
    });
  }

  @Test
  void shouldSignInThroughKeycloakRefuseAFormWithoutItsTokenAndSignOutThereToo() throws Exception {
    var driver = browser.driver;
    signOutEverywhere();
    driver.get(base + "/login");
    keycloakSignIn("operator", "not-the-password");
    await().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.id("input-error")).isEmpty()
        || !driver.findElements(By.cssSelector(".kc-feedback-text, #input-error-username")).isEmpty());
    assertThat(driver.getCurrentUrl()).as("still at Keycloak").startsWith(keycloak.issuer());

    driver.findElement(By.id("password")).sendKeys(keycloak.password("operator"), Keys.ENTER);
    await().atMost(Duration.ofSeconds(15)).until(() -> driver.getCurrentUrl().endsWith("/intake"));
    String session = driver.manage().getCookieNamed(SessionCookie.NAME).getValue();
    assertThat(driver.manage().getCookieNamed(SessionCookie.NAME).isHttpOnly()).isTrue();
    assertThat(driver.manage().getCookieNamed(SessionCookie.NAME).isSecure()).isTrue();

    // The session's value is no token: intake refuses it as a bearer
    HttpResponse<String> asBearer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(intake.uri() + "/api/v1/intakes/ABCD-EFGH")).header("Authorization", "Bearer " + session)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(asBearer.statusCode()).isEqualTo(401);
    // ...and the console takes no bearer token in place of a session
    HttpResponse<String> bearerAtConsole = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/intake")).header("Authorization", keycloak.bearer("operator")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bearerAtConsole.statusCode()).isEqualTo(401);

    // A form posted without the page's token, as another site would, is refused and records nothing
    HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/intake")).header("Cookie", SessionCookie.NAME + "=" + session)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("province=SIEM_REAP&ageBand=AGE_13_TO_15&gender=GIRL"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);

    // No page is kept by the browser: a reference or a PIN must not stay in its cache
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/intake"))
        .header("Cookie", SessionCookie.NAME + "=" + session).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");

    // English on request, Khmer again after
    driver.findElement(By.cssSelector("a[lang=en]")).sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        driver.findElement(By.tagName("h1")).getText().equals("New report"));
    driver.findElement(By.cssSelector("a[lang=km]")).sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        driver.findElement(By.tagName("h1")).getText().equals("របាយការណ៍ថ្មី"));

    // Signing out ends the session here and at Keycloak: the old cookie opens nothing, and signing in again
    // asks for the password again
    driver.findElement(By.cssSelector("form.logout button")).sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().contains("/login?signedOut"));
    HttpResponse<String> afterSignOut = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/intake")).header("Cookie", SessionCookie.NAME + "=" + session).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(afterSignOut.statusCode()).isEqualTo(401);
    driver.findElement(By.id("sign-in")).sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(15)).until(() -> driver.getCurrentUrl().startsWith(keycloak.issuer())
        && !driver.findElements(By.id("password")).isEmpty());
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
