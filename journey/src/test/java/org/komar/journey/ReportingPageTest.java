package org.komar.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.komar.events.AgeBand;
import org.komar.events.Province;
import org.komar.infra.test.Browser;
import org.komar.infra.test.ServiceJvm;
import org.komar.infra.test.TestStack;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The public reporting page as a child on a small cheap phone uses it, in Khmer, in headless Chromium: every input
 * has a label; the page weighs what it promises; a girl in Siem Reap reports sextortion with the keyboard alone,
 * anonymously, asking for a woman officer, and keeps her reference and PIN; the report reaches routing, and the
 * police unit with a woman officer finds it in its inbox; her status page answers in Khmer; the quick exit leaves
 * for an ordinary site and the page is not in the back history. reporting-service runs as built, in its own JVM,
 * against the platform's intake-service, with its own identity from the stack's Keycloak.
 */
class ReportingPageTest extends OnPlatform {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** What a phone may download for the form, everything included: the budget. */
  private static final int PAGE_WEIGHT_BUDGET = 100_000;

  private ServiceJvm reporting;
  private Browser browser;
  private String base;

  @BeforeAll
  void startThePage() throws Exception {
    var startingBrowser = CompletableFuture.supplyAsync(() -> {
      try {
        return Browser.start(Browser.SMALL_PHONE);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
    TestStack.shared().keycloak().awaitReady();
    reporting = ServiceJvm.startModule(Platform.ROOT.resolve("reporting-service"),
        "org.komar.reporting.ReportingApplication", null,
        Map.of("INTAKE_URL", platform.intake.uri().toString(),
            "QUICK_EXIT_URL", platform.agencies.neutralPageUrl(),
            "REPORTING_MINIMUM_FILL_TIME", "1s"),
        health -> health.contains("\"UP\""));
    browser = startingBrowser.join();
    base = "http://localhost:" + reporting.uri().getPort();
  }

  @AfterAll
  void stopThePage() throws Exception {
    for (AutoCloseable part : new AutoCloseable[] {browser, reporting}) {
      if (part != null) {
        part.close();
      }
    }
  }

  @Test
  void shouldTakeAChildsReportWithTheKeyboardAloneAndRouteItToTheRightPolice() throws Exception {
    var driver = browser.driver;
    driver.get(base + "/");
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("km");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("ប្រាប់យើងពីអ្វីដែលបានកើតឡើងតាមអនឡាញ");
    assertThat(unlabelled()).as("inputs without a label").isEmpty();
    browser.screenshot("reporting-form-km");
    long weight = pageWeight();
    System.out.printf("Reporting page weight: %,d bytes transferred (budget %,d)%n", weight, PAGE_WEIGHT_BUDGET);
    assertThat(weight).isPositive().isLessThan(PAGE_WEIGHT_BUDGET);

    // The keyboard alone: Tab from the top, and at each stop what a child would press
    driver.executeScript("document.activeElement && document.activeElement.blur(); window.focus();");
    StringBuilder walked = new StringBuilder();
    int ageBand = AgeBand.AGE_13_TO_15.ordinal() + 1;
    int province = Province.SIEM_REAP.ordinal() + 1;
    for (int stop = 0; stop < 200; stop++) {
      WebElement at = driver.switchTo().activeElement();
      String name = String.valueOf(at.getAttribute("name"));
      String id = String.valueOf(at.getAttribute("id"));
      walked.append(name).append('/').append(id).append(' ');
      if (id.equals("send")) {
        at.sendKeys(Keys.ENTER);
        break;
      }
      switch (name) {
        case "who", "femaleOfficer", "anonymous", "what.SEXTORTION", "platform.TELEGRAM", "platform.FACEBOOK",
             "consent.POLICE_REFERRAL", "consent.PSYCHOSOCIAL_SUPPORT", "consent.CONTENT_REMOVAL" ->
            at.sendKeys(Keys.SPACE);
        case "danger" -> at.sendKeys(Keys.ARROW_DOWN);
        case "ageBand" -> at.sendKeys(Keys.ARROW_DOWN.toString().repeat(ageBand));
        case "gender" -> at.sendKeys(Keys.ARROW_DOWN);
        case "province" -> at.sendKeys(Keys.ARROW_DOWN.toString().repeat(province));
        case "narrative" -> at.sendKeys("មានមនុស្សម្នាក់គំរាមថានឹងចែករំលែករូបថតរបស់ខ្ញុំ។");
        case "link1" -> at.sendKeys("https://t.me/example_account/42");
        default -> { }
      }
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
    }

    await().atMost(Duration.ofSeconds(30)).alias("the page that shows the reference, after " + walked)
        .until(() -> !driver.findElements(By.id("reference")).isEmpty());
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("អរគុណ។ យើងបានទទួលរបាយការណ៍របស់អ្នកហើយ។");
    String reference = driver.findElement(By.id("reference")).getText();
    String pin = driver.findElement(By.id("pin")).getText();
    assertThat(pin).matches("\\d{6}");
    browser.screenshot("reporting-created-km");

    // It reached routing: the Siem Reap police unit with a woman officer holds it, as she asked
    String officer = TestStack.shared().keycloak().bearer("officer-siem-reap");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      JsonNode item = null;
      for (JsonNode each : get(platform.routing.uri(), "/api/v1/inbox", officer)) {
        if (each.get("caseReference").asText().equals(reference)) {
          item = each;
        }
      }
      assertThat(item).as("the web report in the police inbox").isNotNull();
      assertThat(item.get("femaleOfficerRequested").asBoolean()).isTrue();
      assertThat(item.get("incidentCategories").toString()).contains("SEXTORTION");
    });

    // Her status page, in Khmer, by the keyboard
    driver.get(base + "/status");
    driver.findElement(By.id("reference")).sendKeys(reference, Keys.TAB, pin, Keys.ENTER);
    String answer = driver.findElement(By.id("answer")).getText();
    assertThat(answer).containsAnyOf("យើងបានទទួលរបាយការណ៍របស់អ្នកហើយ", "មានអ្នកកំពុងជួយ");
    assertThat(driver.getPageSource()).doesNotContain(pin);
    browser.screenshot("reporting-status-km");
  }

  @Test
  void shouldLeaveForAnOrdinarySiteAndKeepThePageOutOfTheBackHistory() {
    var driver = browser.driver;
    String neutral = platform.agencies.neutralPageUrl();
    driver.get("about:blank");
    driver.get(base + "/");
    WebElement exit = driver.findElement(By.id("quick-exit"));
    assertThat(exit.getText()).isEqualTo("ចាកចេញឥឡូវ");
    exit.sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().equals(neutral));
    driver.navigate().back();
    assertThat(driver.getCurrentUrl()).as("Back does not return to the page").doesNotStartWith(base);

    // Esc leaves as well, from any page of it
    driver.get(base + "/status?lang=en");
    driver.findElement(By.id("reference")).sendKeys(Keys.ESCAPE);
    await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().equals(neutral));
  }

  @SuppressWarnings("unchecked")
  private List<String> unlabelled() {
    return (List<String>) browser.driver.executeScript("""
        return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
            .filter(field => field.labels === null || field.labels.length === 0)
            .map(field => field.name || field.id);""");
  }

  /** Bytes transferred for the page and everything it loaded, as the browser counted them. */
  private long pageWeight() {
    Number bytes = (Number) browser.driver.executeScript("""
        const entries = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
        return entries.reduce((sum, entry) => sum + (entry.transferSize || entry.encodedBodySize || 0), 0);""");
    return bytes.longValue();
  }

  private static JsonNode get(URI service, String path, String bearer) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.resolve(path))
        .header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
