package org.komar.infra.test;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.komar.schemas.webhook.WebhookSignature;

/**
 * Real local endpoints for the channels: a webhook receiver that checks each request's signature as an agency
 * would, and an SMS gateway that records what it is asked to send. Each path of the receiver can be told how to
 * answer its n-th request (a status, or to hang), to play a failing or dead agency.
 */
public final class StandIns implements AutoCloseable {

  /** One request as it arrived. */
  public record Received(String path, Map<String, List<String>> headers, String body, boolean signatureValid,
      Instant at) {

    public String header(String name) {
      return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
          .map(header -> header.getValue().getFirst()).findFirst().orElse(null);
    }
  }

  /** How to answer a request: a status after a pause. */
  public record Answer(int status, Duration pause) {

    public static Answer ok() {
      return new Answer(200, Duration.ZERO);
    }
  }

  private final HttpServer server;
  public final List<Received> webhooks = new CopyOnWriteArrayList<>();
  public final List<Received> sms = new CopyOnWriteArrayList<>();
  private final Map<String, IntFunction<Answer>> behaviours = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final byte[] platformKey;

  public StandIns() {
    platformKey = TestStack.shared().serviceProperties(null).get("komar.notification.webhook-signing-key")
        .getBytes(StandardCharsets.UTF_8);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/hooks/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      String unitId = path.substring("/hooks/".length());
      String timestamp = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP);
      boolean valid = WebhookSignature.verify(WebhookSignature.unitKey(platformKey, unitId), timestamp, body,
          exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE), Instant.now(), Duration.ofMinutes(5));
      webhooks.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), new String(body,
          StandardCharsets.UTF_8), valid, Instant.now()));
      int n = counts.computeIfAbsent(path, any -> new AtomicInteger()).incrementAndGet();
      Answer answer = behaviours.getOrDefault(path, any -> Answer.ok()).apply(n);
      try {
        Thread.sleep(answer.pause().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(answer.status(), -1);
      exchange.close();
    });
    server.createContext("/sms", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      sms.add(new Received("/sms", Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8),
          true, Instant.now()));
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    // The ordinary site a reporting page's quick exit leaves for.
    server.createContext("/weather", exchange -> {
      byte[] page = "<!DOCTYPE html><title>Weather</title><p>Phnom Penh: 31°C, sunny.</p>"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    server.start();
  }

  /** A neutral page, as a quick exit's destination: says nothing of abuse. */
  public String neutralPageUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/weather";
  }

  public String webhookUrl(String unitId) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + unitId;
  }

  public String smsGatewayUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
  }

  /** How the webhook of {@code unitId} answers its n-th request (1 for the first). */
  public void answer(String unitId, IntFunction<Answer> behaviour) {
    behaviours.put("/hooks/" + unitId, behaviour);
  }

  public List<Received> webhooksOf(String unitId) {
    return webhooks.stream().filter(received -> received.path().equals("/hooks/" + unitId)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
