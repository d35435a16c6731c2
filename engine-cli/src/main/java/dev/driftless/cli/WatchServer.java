package dev.driftless.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.driftless.core.codec.DiffRows;
import dev.driftless.presets.webhook.WebhookVerifier;
import dev.driftless.resource.ResourceKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The watch's HTTP side:
 *
 * <ul>
 *   <li>{@code POST /webhook}: a GitHub delivery signed with a Webhook trigger's key
 *       ({@code X-Hub-Signature-256}), or a GitLab one carrying it ({@code X-Gitlab-Token}): 202 and a
 *       run; 401 without a signature or token, 403 with a wrong one, and no run.
 *   <li>Kestra's own webhook URL, {@code /api/v1/<tenant>/executions/webhook/<namespace>/<flowId>/<key>}
 *       (and the older one without a tenant), with {@code GET}, {@code POST} or {@code PUT}: the key in
 *       the path is the check, as in Kestra; 404 for another flow, 403 for a wrong key.
 *   <li>{@code GET /health}: 200 and the last run's outcome.
 *   <li>{@code GET /last}: the last run as JSON lines: the run, then its rows.
 * </ul>
 *
 * <p>Keys are compared in constant time and never appear in an answer or a note.
 */
final class WatchServer implements AutoCloseable {

  /** What the server asks of the watch. */
  interface Watch {

    /** Asks for a run for this reason. */
    Poke poke(String reason);

    /** How the watch is, for {@code /health}. */
    Map<String, Object> health();

    /** The last run as JSON lines, if one has ended. */
    Optional<String> last();
  }

  /** What a poke did. */
  enum Poke {
    /** A run will start for it. */
    QUEUED,
    /** A run was already waiting to start; this one joins it. */
    COALESCED,
    /** The watch is stopping: no run. */
    STOPPING
  }

  /** GitHub caps a delivery at 25 MB. */
  private static final int MAX_BODY = 25 * 1024 * 1024;
  private static final Pattern KESTRA_PATH = Pattern.compile("/api/v1/(?:([^/]+)/)?executions/webhook/([^/]+)/([^/]+)/([^/]+)");

  private final HttpServer server;
  private final ExecutorService threads;
  private final WatchedFlow flow;
  private final Watch watch;
  private final Consumer<String> note;
  private final AtomicBoolean closed = new AtomicBoolean();

  private WatchServer(HttpServer server, WatchedFlow flow, Watch watch, Consumer<String> note) {
    this.server = server;
    this.flow = flow;
    this.watch = watch;
    this.note = note;
    this.threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "driftless-watch-http");
      t.setDaemon(true);
      return t;
    });
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /**
   * @throws UserError when the address cannot be listened on
   */
  static WatchServer start(InetSocketAddress address, WatchedFlow flow, Watch watch, Consumer<String> note) {
    try {
      return new WatchServer(HttpServer.create(address, 32), flow, watch, note);
    } catch (BindException e) {
      throw new UserError("cannot listen on " + show(address) + ": " + (e.getMessage() == null ? "the address is taken"
          : e.getMessage().toLowerCase(Locale.ROOT)) + " (choose another with --listen)", e);
    } catch (IOException e) {
      throw new UserError("cannot listen on " + show(address) + ": " + e.getMessage(), e);
    }
  }

  /** {@code http://127.0.0.1:8080}. */
  URI url() {
    return URI.create("http://" + show(server.getAddress()));
  }

  private static String show(InetSocketAddress address) {
    String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      Matcher kestra = KESTRA_PATH.matcher(path);
      if (path.equals("/webhook")) {
        if (!method.equals("POST")) {
          answer(exchange, 405, Map.of("error", "POST a webhook delivery here"));
          return;
        }
        signed(exchange);
      } else if (kestra.matches()) {
        if (!List.of("GET", "POST", "PUT").contains(method)) {
          answer(exchange, 405, Map.of("error", "Kestra's webhook takes GET, POST or PUT"));
          return;
        }
        keyed(exchange, decode(kestra.group(2)), decode(kestra.group(3)), decode(kestra.group(4)));
      } else if (path.equals("/health") || path.equals("/last")) {
        if (!method.equals("GET")) {
          answer(exchange, 405, Map.of("error", "GET " + path));
          return;
        }
        if (path.equals("/health")) {
          answer(exchange, 200, watch.health());
        } else {
          Optional<String> last = watch.last();
          if (last.isEmpty()) {
            answer(exchange, 404, Map.of("error", "no run has ended yet"));
          } else {
            send(exchange, 200, "application/x-ndjson", last.get());
          }
        }
      } else {
        answer(exchange, 404, Map.of("error", "not found: POST /webhook, GET /health, GET /last"));
      }
    }
  }

  /** {@code POST /webhook}: the body signed (GitHub) or the token sent (GitLab) with a Webhook trigger's key. */
  private void signed(HttpExchange exchange) throws IOException {
    Optional<byte[]> body = body(exchange);
    if (body.isEmpty()) {
      return;
    }
    Map<String, String> headers = headers(exchange);
    boolean gitlab = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("X-Gitlab-Token"));
    WebhookVerifier.Verdict verdict = WebhookVerifier.Verdict.MISSING_SIGNATURE;
    Optional<WatchedFlow.Webhook> accepted = Optional.empty();
    for (WatchedFlow.Webhook webhook : flow.webhooks()) {
      String key = webhook.key().reveal();
      WebhookVerifier verifier = gitlab ? WebhookVerifier.gitlab(key) : WebhookVerifier.github(key);
      WebhookVerifier.Verdict v = verifier.verify(headers, body.get());
      if (v.isAccepted()) {
        accepted = Optional.of(webhook);
        break;
      }
      verdict = v;
    }
    if (accepted.isEmpty()) {
      refuse(exchange, verdict == WebhookVerifier.Verdict.MISSING_SIGNATURE ? 401 : 403, gitlab
          ? (verdict == WebhookVerifier.Verdict.MISSING_SIGNATURE ? "no GitLab token" : "a wrong GitLab token")
          : (verdict == WebhookVerifier.Verdict.MISSING_SIGNATURE ? "no X-Hub-Signature-256 signature"
              : "a bad X-Hub-Signature-256 signature"));
      return;
    }
    if (headers.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("X-GitHub-Event")
        && "ping".equals(e.getValue()))) {
      answer(exchange, 200, Map.of("ping", "ok, the signature is right; push events start runs"));
      return;
    }
    poked(exchange, "webhook " + accepted.get().id());
  }

  /** Kestra's webhook URL: the key in the path is the check. */
  private void keyed(HttpExchange exchange, String namespace, String flowId, String key) throws IOException {
    Optional<ResourceKey> ours = flow.flow();
    if (ours.isEmpty() || !ours.get().namespace().equals(namespace) || !ours.get().name().equals(flowId)) {
      answer(exchange, 404, Map.of("error", "this watch runs flow " + ours.map(ResourceKey::address).orElse("")
          + ", not " + ErrorLines.oneLine(namespace + "/" + flowId)));
      return;
    }
    if (body(exchange).isEmpty()) {
      return;
    }
    byte[] given = key.getBytes(StandardCharsets.UTF_8);
    Optional<WatchedFlow.Webhook> accepted = Optional.empty();
    for (WatchedFlow.Webhook webhook : flow.webhooks()) {
      if (MessageDigest.isEqual(given, webhook.key().reveal().getBytes(StandardCharsets.UTF_8))) {
        accepted = Optional.of(webhook);
      }
    }
    if (accepted.isEmpty()) {
      refuse(exchange, 403, "a wrong key in Kestra's webhook URL");
      return;
    }
    poked(exchange, "webhook " + accepted.get().id());
  }

  private void poked(HttpExchange exchange, String reason) throws IOException {
    switch (watch.poke(reason)) {
      case QUEUED -> answer(exchange, 202, Map.of("run", "queued"));
      case COALESCED -> answer(exchange, 202, Map.of("run", "coalesced",
          "detail", "a run was already waiting to start; this call joins it"));
      case STOPPING -> answer(exchange, 503, Map.of("error", "the watch is stopping"));
    }
  }

  private void refuse(HttpExchange exchange, int status, String why) throws IOException {
    note.accept("refused a webhook call from " + exchange.getRemoteAddress().getAddress().getHostAddress() + ": "
        + why + "; no run");
    answer(exchange, status, Map.of("error", status == 401 ? "unauthorized: " + why : "forbidden: " + why));
  }

  /** The body, bounded; empty (and answered 413) when it is larger than a forge sends. */
  private static Optional<byte[]> body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        answer(exchange, 413, Map.of("error", "a webhook delivery is at most 25 MB"));
        return Optional.empty();
      }
      return Optional.of(body);
    }
  }

  private static Map<String, String> headers(HttpExchange exchange) {
    Map<String, String> out = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> out.put(name, values.isEmpty() ? "" : values.get(0)));
    return out;
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static void answer(HttpExchange exchange, int status, Map<String, ?> json) throws IOException {
    send(exchange, status, "application/json", DiffRows.toJsonLines(List.of(json)));
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops listening; a call being answered gets a second to finish. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(1);
      threads.shutdownNow();
    }
  }
}
