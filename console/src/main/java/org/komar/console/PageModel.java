package org.komar.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.komar.console.signin.Csrf;
import org.komar.schemas.security.Claims;
import org.komar.schemas.security.Roles;

/**
 * What every signed-in page starts from: who is signed in, the token its forms carry, and the pages that
 * person's roles open (the menu). The first of those pages is where they start.
 */
@Singleton
public final class PageModel {

  /** Each page, and the roles that open it, in menu order. */
  private static final Map<String, List<String>> PAGES = new LinkedHashMap<>();

  static {
    PAGES.put("intake", List.of(Roles.HOTLINE_OPERATOR));
    PAGES.put("supervision", List.of(Roles.AGENCY_SUPERVISOR));
    PAGES.put("inbox", List.of(Roles.POLICE_OFFICER, Roles.COUNSELLOR, Roles.SOCIAL_WORKER, Roles.TAKEDOWN_OFFICER,
        Roles.AGENCY_SUPERVISOR));
    PAGES.put("indicators", List.of(Roles.AGENCY_SUPERVISOR, Roles.HOTLINE_SUPERVISOR, Roles.AUDITOR));
    PAGES.put("audit", List.of(Roles.AUDITOR));
  }

  private final Csrf csrf;

  PageModel(Csrf csrf) {
    this.csrf = csrf;
  }

  public Map<String, Object> of(HttpRequest<?> request, Authentication user) {
    Map<String, Object> model = new HashMap<>();
    model.put("user", user.getAttributes().getOrDefault(Claims.NAME, user.getName()));
    model.put(Csrf.FIELD, csrf.token(request));
    model.put("pages", pagesOf(user.getRoles()));
    return model;
  }

  /** The pages these roles open, in menu order. */
  public static List<String> pagesOf(Collection<String> roles) {
    return PAGES.entrySet().stream().filter(page -> page.getValue().stream().anyMatch(roles::contains))
        .map(Map.Entry::getKey).toList();
  }
}
