package dev.driftless.testkit.hostile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.driftless.emulator.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server in front of another (usually a {@code KestraEmulator}): every call is passed
 * on, and the answers of the calls a rule names are replaced by a {@link Misbehaviour}.
 *
 * <pre>{@code
 * try (KestraEmulator kestra = KestraEmulator.builder().start();
 *     HostileProxy proxy = HostileProxy.before(kestra.url())) {
 *   proxy.on("GET", "/api/v1/main/namespaces/*&#47;files/export", Misbehaviour.htmlPage());
 *   // point the client under test at proxy.url()
 * }
 * }</pre>
 *
 * <p>Rules match a method ({@code *} for any) and a path glob ({@code *} within a segment,
 * {@code **} across segments); the last rule added that matches wins. {@link #close()} stops it.
 */
public final class HostileProxy implements AutoCloseable {

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
      "upgrade", "expect", "keep-alive", "te", "trailer");

  private record Rule(String method, String pathGlob, Misbehaviour misbehaviour) {}

  private final URI upstream;
  private final HttpServer server;
  private final ExecutorService pool;
  private final HttpClient client;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final URI url;

  private HostileProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
    this.pool = Executors.newCachedThreadPool(runnable -> {
      Thread t = new Thread(runnable, "hostile-proxy");
      t.setDaemon(true);
      return t;
    });
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
    this.url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A proxy on a free loopback port, passing every call on to {@code upstream} (its base URL). */
  public static HostileProxy before(URI upstream) {
    Objects.requireNonNull(upstream, "upstream");
    try {
      return new HostileProxy(upstream);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind a loopback port: " + e.getMessage(), e);
    }
  }

  /** Its base URL, {@code http://127.0.0.1:<port>}: give it to the client under test. */
  public URI url() {
    return url;
  }

  /** From now on, calls of this method (or {@code *}) and path glob get this answer instead. */
  public HostileProxy on(String method, String pathGlob, Misbehaviour misbehaviour) {
    rules.add(new Rule(Objects.requireNonNull(method, "method"), Objects.requireNonNull(pathGlob, "pathGlob"),
        Objects.requireNonNull(misbehaviour, "misbehaviour")));
    return this;
  }

  /** Forgets every rule: calls are passed on as they are. */
  public void clear() {
    rules.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpResponse<byte[]> real = forward(exchange, method, body);
      String contentType = real.headers().firstValue("Content-Type").orElse("");
      Optional<Rule> rule = matching(method, path);
      if (rule.isEmpty()) {
        real.headers().map().forEach((name, values) -> {
          if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
            exchange.getResponseHeaders().put(name, values);
          }
        });
        exchange.sendResponseHeaders(real.statusCode(), real.body().length == 0 ? -1 : real.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(real.body());
        }
        return;
      }
      rule.get().misbehaviour().answer(new Misbehaviour.Upstream(real.statusCode(), contentType, real.body()),
          (status, headers, length) -> {
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(status, length == 0 ? 0 : length);
            return exchange.getResponseBody();
          });
    } catch (IOException e) {
      // The client went away, or the misbehaviour ended the exchange: nothing more to send.
    }
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, String method, byte[] body) throws IOException {
    URI target = URI.create(upstream + exchange.getRequestURI().toString());
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> request.header(name, v));
      }
    });
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private Optional<Rule> matching(String method, String path) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      Rule rule = rules.get(i);
      if ((rule.method().equals("*") || rule.method().equalsIgnoreCase(method)) && Fault.globMatches(rule.pathGlob(), path)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }
}
