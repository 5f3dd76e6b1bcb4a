package org.komar.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pages as a browser gets them, with intake-service out of reach: Khmer first, nothing kept and nothing from
 * another site; a form that cannot be sent comes back with every answer in it.
 */
@MicronautTest
@Property(name = "komar.identity.issuer", value = "http://127.0.0.1:9/realms/komar")
@Property(name = "komar.identity.client-secret", value = "not-a-secret")
@Property(name = "komar.reporting.intake-url", value = "http://127.0.0.1:9")
@Property(name = "komar.reporting.quick-exit-url", value = "https://weather.example/")
@Property(name = "komar.reporting.form.minimum-fill-time", value = "0s")
@Property(name = "komar.reporting.form.proof-of-work-bits", value = "0")
class ReportPagesTest {

  private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

  @Inject
  @Client("/")
  HttpClient client;

  @Test
  void shouldServeTheFormInKhmerKeepingNothingAndLoadingNothingFromElsewhere() {
    HttpResponse<String> page = client.toBlocking().exchange(HttpRequest.GET("/"), String.class);

    String html = page.body();
    assertThat(html).contains("lang=\"km\"", "ប្រាប់យើងពីអ្វីដែលបានកើតឡើងតាមអនឡាញ", "id=\"quick-exit\"");
    assertThat(page.getHeaders().get("Cache-Control")).isEqualTo("no-store");
    assertThat(page.getHeaders().get("Content-Security-Policy")).isEqualTo(SafePages.POLICY);
    assertThat(page.getHeaders().get("Referrer-Policy")).isEqualTo("same-origin");
    assertThat(page.getHeaders().contains("Set-Cookie")).isFalse();
    // Only the quick exit leads elsewhere; nothing is loaded from another site.
    assertThat(html.replace("https://weather.example/", "")).doesNotContainPattern("(src|href)=\"(https?:)?//");
    String english = client.toBlocking().retrieve(HttpRequest.GET("/?lang=en"));
    assertThat(english).contains("lang=\"en\"", "Tell us what happened online", "action=\"/report?lang=en\"");
  }

  @Test
  void shouldGiveTheFormBackWithEveryAnswerWhenTheReportCannotBeSent() {
    String token = token(client.toBlocking().retrieve(HttpRequest.GET("/")));
    Map<String, String> form = answers();
    form.put("token", token);

    HttpClientResponseException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
        HttpClientResponseException.class, () -> client.toBlocking().exchange(HttpRequest.POST("/report", form)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED), String.class));

    assertThat(refused.code()).isEqualTo(503);
    String html = refused.getResponse().getBody(String.class).orElseThrow();
    assertThat(html).contains("យើងមិនអាចផ្ញើរបាយការណ៍របស់អ្នកបានទេឥឡូវនេះ", "គាត់គំរាមខ្ញុំ",
        "value=\"https://t.me/example/42\"", "value=\"" + token + "\"");
    assertThat(html).containsPattern("name=\"what.SEXTORTION\" value=\"yes\"\\s+checked");
  }

  @Test
  void shouldTakeNoFormWithoutAGenuineTokenOrWithTheHoneypotFilled() {
    Map<String, String> form = answers();
    form.put("token", "forged.token");
    String html = client.toBlocking().retrieve(HttpRequest.POST("/report", form)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED));
    assertThat(html).contains("សូមចុច ផ្ញើ ម្តងទៀត", "គាត់គំរាមខ្ញុំ");
    assertThat(token(html)).isNotEqualTo("forged.token");

    form.put("token", token(html));
    form.put(ReportPages.HONEYPOT, "http://spam.example");
    assertThat(client.toBlocking().retrieve(HttpRequest.POST("/report", form)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED))).contains("សូមចុច ផ្ញើ ម្តងទៀត");
  }

  @Test
  void shouldAskForTheReferenceAndPinAgainWhenTheyCannotBeRight() {
    String html = client.toBlocking().retrieve(HttpRequest.POST("/status?lang=en",
        Map.of("reference", "K7-4MXR", "pin", "12ab")).contentType(MediaType.APPLICATION_FORM_URLENCODED));
    assertThat(html).contains("the PIN is 6 numbers", "value=\"K7-4MXR\"").doesNotContain("12ab");
  }

  /** Her report, anonymous, in her own words, with the page's proof of work (none needed here). */
  private static Map<String, String> answers() {
    Map<String, String> form = Answers.aGirlsReport();
    form.put("anonymous", "yes");
    form.put("narrative", "គាត់គំរាមខ្ញុំ");
    form.put("nonce", "0");
    return form;
  }

  private static String token(String html) {
    Matcher matcher = TOKEN.matcher(html);
    assertThat(matcher.find()).as("a form token").isTrue();
    return matcher.group(1);
  }
}
