package org.komar.infra.test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServiceHealthTest {

  @Test
  void shouldPassOnlyWhenEveryNamedDependencyIsUp() throws Exception {
    String body = """
        {"status": "UP", "details": {"kafka": {"status": "UP"}, "jdbc": {"status": "DOWN"}}}""";
    HttpServer server = answering(200, body);
    try {
      URI service = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

      assertThatCode(() -> ServiceHealth.assertUp(service, "kafka")).doesNotThrowAnyException();
      assertThatThrownBy(() -> ServiceHealth.assertUp(service, "kafka", "jdbc"))
          .isInstanceOf(AssertionError.class).hasMessageContaining("jdbc is DOWN");
      assertThatThrownBy(() -> ServiceHealth.assertUp(service, "mail"))
          .isInstanceOf(AssertionError.class).hasMessageContaining("mail is absent");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void shouldFailWhenTheServiceIsDown() throws Exception {
    HttpServer server = answering(503, "{\"status\": \"DOWN\"}");
    try {
      URI service = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

      assertThatThrownBy(() -> ServiceHealth.assertUp(service))
          .isInstanceOf(AssertionError.class).hasMessageContaining("503");
    } finally {
      server.stop(0);
    }
  }

  private static HttpServer answering(int status, String body) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/health", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return server;
  }
}
