package org.komar.reporting;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.komar.events.AgeBand;
import org.komar.events.ConsentPurpose;
import org.komar.events.Gender;
import org.komar.events.IncidentCategory;
import org.komar.events.OnlinePlatform;
import org.komar.events.Province;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public pages: the report form ({@code /}), what it answers ({@code /report}), and the status check
 * ({@code /status}). No sign-in, no cookie, no script but the page's own. A report passes the rate limits, the form
 * token's checks ({@link FormTokens}) and the questions' ({@link ReportForm}) before intake-service records it; what
 * a child typed is never lost to a mistake: the form comes back filled in, saying what to look at again.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReportPages {

  private static final Logger LOG = LoggerFactory.getLogger(ReportPages.class);
  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9-]{4,16}");
  private static final Pattern PIN = Pattern.compile("\\d{6}");
  /** The hidden field a person never sees or fills in; a form-filling script often does. */
  static final String HONEYPOT = "website";

  private final FormTokens tokens;
  private final RateLimits limits;
  private final Senders senders;
  private final Intake intake;
  private final String hotlineId;
  private final String hotlinePhone;
  private final String quickExit;

  ReportPages(FormTokens tokens, RateLimits limits, Senders senders, Intake intake,
      @Value("${komar.reporting.hotline-id}") String hotlineId,
      @Value("${komar.reporting.hotline-phone:1280}") String hotlinePhone,
      @Value("${komar.reporting.quick-exit-url}") String quickExit) {
    this.tokens = tokens;
    this.limits = limits;
    this.senders = senders;
    this.intake = intake;
    this.hotlineId = hotlineId;
    this.hotlinePhone = hotlinePhone;
    this.quickExit = quickExit;
  }

  @Get(produces = MediaType.TEXT_HTML)
  ModelAndView<Map<String, Object>> form(HttpRequest<?> request) {
    return reportForm(request, Map.of(), Set.of(), tokens.issue());
  }

  /**
   * A report, checked in order of cost: the honeypot and the form token (with its proof of work), which junk fails
   * without spending anyone's turn; the questions, which come back marked with every answer kept; then the rate
   * limits, counted only now; then intake. Whatever is refused, the child's answers are never thrown away.
   */
  @Post(value = "/report", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
  HttpResponse<ModelAndView<Map<String, Object>>> report(HttpRequest<?> request, @Body Map<String, String> form) {
    String token = form.getOrDefault("token", "");
    Optional<FormTokens.Refusal> refusal = form.getOrDefault(HONEYPOT, "").isEmpty()
        ? tokens.check(token, form.get("nonce")) : Optional.of(FormTokens.Refusal.FORGED);
    if (refusal.isPresent()) {
      LOG.info("A report form was not taken: {}", refusal.get());
      if (refusal.get() == FormTokens.Refusal.USED) {
        // Sent twice (a double tap, or Back and Send): the first one was recorded, and its page shown then.
        return HttpResponse.ok(message(request, "alreadySent"));
      }
      // A person whose form waited too long, or went too fast, sends it again as it is, with a fresh token.
      return HttpResponse.ok(reportForm(request, form, Set.of("token"), tokens.issue()));
    }
    ReportForm.Outcome outcome = ReportForm.read(form, hotlineId, PageLanguage.of(request));
    if (outcome.intake().isEmpty()) {
      return HttpResponse.ok(reportForm(request, form, outcome.problems(), reissued(token)));
    }
    if (!limits.allow(RateLimits.Kind.REPORT, senders.of(request))) {
      LOG.info("A report was held back: too many from one sender, or from everyone");
      return HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.TOO_MANY_REQUESTS)
          .body(reportForm(request, form, Set.of("busy"), reissued(token)));
    }
    if (tokens.take(token, form.get("nonce")).isPresent()) {
      return HttpResponse.ok(message(request, "alreadySent"));
    }
    // The token's challenge names this report at intake: a retry after a lost answer cannot make a second case.
    Intake.Recording recording = intake.record(outcome.intake().get(),
        "web-" + tokens.challengeOf(token).orElseThrow());
    if (recording instanceof Intake.Recorded recorded) {
      LOG.info("A web report was recorded");
      Map<String, Object> model = page(request);
      model.put("reference", recorded.caseReference());
      model.put("pin", recorded.pin());
      return HttpResponse.ok(new ModelAndView<>("created", model));
    }
    int status = ((Intake.NotRecorded) recording).status();
    if (status == 409) {
      // intake has this report already: recorded by an earlier try whose answer was lost on the way
      return HttpResponse.ok(message(request, "alreadySent"));
    }
    tokens.release(token);
    if (status == 503 || status == 429) {
      // Not recorded, nothing lost: the form comes back as it was, to send again a little later.
      return HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(reportForm(request, form, Set.of("unavailable"), reissued(token)));
    }
    return HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.BAD_GATEWAY)
        .body(message(request, "notRecorded"));
  }

  @Get(value = "/status", produces = MediaType.TEXT_HTML)
  ModelAndView<Map<String, Object>> statusForm(HttpRequest<?> request) {
    Map<String, Object> model = page(request);
    model.put("form", Map.of());
    return new ModelAndView<>("status", model);
  }

  @Post(value = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
  HttpResponse<ModelAndView<Map<String, Object>>> status(HttpRequest<?> request, @Body Map<String, String> form) {
    Map<String, Object> model = page(request);
    String reference = form.getOrDefault("reference", "").strip().toUpperCase(java.util.Locale.ROOT);
    String pin = form.getOrDefault("pin", "").strip();
    // The PIN is never put back into the page; the reference is the reporter's own.
    model.put("form", Map.of("reference", REFERENCE.matcher(reference).matches() ? reference : ""));
    if (!REFERENCE.matcher(reference).matches() || !PIN.matcher(pin).matches()) {
      model.put("problem", "format");
      return HttpResponse.ok(new ModelAndView<>("status", model));
    }
    if (!limits.allow(RateLimits.Kind.STATUS_CHECK, senders.of(request))) {
      model.put("problem", "busy");
      return HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.TOO_MANY_REQUESTS)
          .body(new ModelAndView<>("status", model));
    }
    Intake.Answer answer = intake.check(reference, pin, PageLanguage.of(request));
    if (answer.message() == null || answer.message().isBlank() || "null".equals(answer.message())) {
      model.put("problem", "unavailable");
      return HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(new ModelAndView<>("status", model));
    }
    model.put("answer", answer.message());
    model.put("found", answer.status() == 200);
    return HttpResponse.status(answer.status() == 200 ? HttpStatus.OK : HttpStatus.valueOf(answer.status()))
        .body(new ModelAndView<>("status", model));
  }

  private ModelAndView<Map<String, Object>> reportForm(HttpRequest<?> request, Map<String, String> form,
      Set<String> problems, FormTokens.Issued token) {
    Map<String, Object> model = page(request);
    Map<String, String> values = new HashMap<>(form);
    values.remove("token");
    values.remove("nonce");
    values.remove(HONEYPOT);
    model.put("form", values);
    model.put("problems", problems);
    model.put("token", token.token());
    model.put("challenge", token.challenge());
    model.put("difficulty", tokens.difficulty());
    model.put("adults", names(ReportForm.ADULTS));
    model.put("ageBands", names(Arrays.asList(AgeBand.values())));
    model.put("genders", names(Arrays.asList(Gender.values())));
    model.put("provinces", names(Arrays.asList(Province.values())));
    model.put("categories", names(Arrays.asList(IncidentCategory.values())));
    model.put("platforms", names(Arrays.asList(OnlinePlatform.values())));
    model.put("contacts", names(ReportForm.CONTACTS));
    model.put("consents", names(Arrays.asList(ConsentPurpose.values())));
    model.put("links", java.util.stream.IntStream.rangeClosed(1, ReportForm.LINKS).boxed().toList());
    return new ModelAndView<>("report", model);
  }

  /** The token of a form sent back to be corrected: the same one, so the page's proof of work still holds. */
  private FormTokens.Issued reissued(String token) {
    return new FormTokens.Issued(token, tokens.challengeOf(token).orElseThrow());
  }

  private ModelAndView<Map<String, Object>> message(HttpRequest<?> request, String which) {
    Map<String, Object> model = page(request);
    model.put("message", which);
    return new ModelAndView<>("message", model);
  }

  private Map<String, Object> page(HttpRequest<?> request) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("lang", PageLanguage.query(request));
    model.put("english", PageLanguage.english(request));
    model.put("hotlinePhone", hotlinePhone);
    model.put("quickExit", quickExit);
    // Where the language links lead: the form, or the status page, in the other language
    model.put("here", request.getPath().startsWith("/status") ? "/status" : "/");
    return model;
  }

  private static List<String> names(List<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).toList();
  }
}
