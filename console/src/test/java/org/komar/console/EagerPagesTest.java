package org.komar.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.simple.SimpleHttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.views.ViewsRenderer;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A page that cannot be rendered fails when it is rendered, so the server can answer, instead of hanging. */
class EagerPagesTest {

  /** No one signs in here: the console starts without its identity provider (and says so in its log). */
  private static final String NO_PROVIDER = "http://127.0.0.1:9/realms/komar";

  @Test
  void shouldAnswerAPageThatCannotBeRenderedWithAnErrorAtOnce() throws Exception {
    try (EmbeddedServer console = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
        "test.broken-page", "true", "komar.identity.issuer", NO_PROVIDER, "KOMAR_CLIENT_SECRET", "unused"))) {
      java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(console.getURI().resolve("/test-broken-page"))
              .timeout(java.time.Duration.ofSeconds(10)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(500);
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void shouldFailWhileRenderingNotWhileWritingTheAnswer() throws Exception {
    try (ApplicationContext context = ApplicationContext.run(Map.of("komar.identity.issuer", NO_PROVIDER,
        "KOMAR_CLIENT_SECRET", "unused"))) {
      ViewsRenderer pages = context.getBean(ViewsRenderer.class);
      assertThat(pages).isInstanceOf(EagerPages.class);
      // A plain request: with the HTTP client on the class path, HttpRequest.GET builds the client's, which has no
      // cookies for the page's language to be read from.
      HttpRequest<?> request = new SimpleHttpRequest<>(HttpMethod.GET, "/", null);

      // A page that fails while it renders fails at render, before any answer is begun
      assertThatThrownBy(() -> pages.render("broken-for-test", Map.of(), request))
          .hasMessageContaining("broken-for-test");
      // A page that renders is written whole
      StringWriter login = new StringWriter();
      pages.render("login", Map.of("failed", false), request).writeTo(login);
      assertThat(login.toString()).contains("id=\"sign-in\"").contains("/oauth/login/keycloak");
    }
  }
}
