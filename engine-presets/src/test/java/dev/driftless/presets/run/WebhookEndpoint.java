package dev.driftless.presets.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.driftless.presets.webhook.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook endpoint on 127.0.0.1, as a user wires one in front of a {@link Reconciler}: every
 * {@code POST /hook} is checked with a {@link WebhookVerifier}; an accepted delivery pokes and is
 * answered 202, a refused one is answered 401 and pokes nothing.
 */
final class WebhookEndpoint implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  private WebhookEndpoint(WebhookVerifier verifier, Runnable poke) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/hook", exchange -> {
      try (exchange) {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = in.readAllBytes();
        }
        WebhookVerifier.Verdict verdict = verifier.verify(headers(exchange), body);
        if (verdict.isAccepted()) {
          poke.run();
        }
        exchange.sendResponseHeaders(verdict.isAccepted() ? 202 : 401, -1);
      }
    });
    server.setExecutor(threads);
    server.start();
  }

  static WebhookEndpoint start(WebhookVerifier verifier, Runnable poke) {
    try {
      return new WebhookEndpoint(verifier, poke);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** Delivers a body with these headers, as the forge would; returns the status. */
  int deliver(Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json");
    headers.forEach(request::header);
    try {
      HttpClient client = HttpClient.newHttpClient();
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> headers(HttpExchange exchange) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
      out.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
