package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.driftless.emulator.EmulatorState;
import dev.driftless.emulator.Fault;
import dev.driftless.emulator.Faults;
import dev.driftless.emulator.RequestLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of the emulator. For every request: decode the path and query, apply faults
 * (latency, then an error status or a dropped connection), authenticate, check the tenant, route,
 * run the handler under the store's lock, render errors in the version's format, record the
 * request, answer. {@code /_emulator/requests} and {@code /ping} bypass faults, authentication
 * and the log.
 */
public final class EmulatorServer implements AutoCloseable {

  private static final int THREADS = 16;
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  static {
    // The JDK server writes headers and body separately and leaves TCP_NODELAY off unless this
    // property is set, which costs ~40 ms per answer (Nagle against delayed ACKs). It is read
    // once, when the JVM creates its first HttpServer; an explicit setting is respected.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }
  private static final String CONFIGS = "configs";

  private final EmulatorSettings config;
  private final Store store = new Store();
  private final Router router = new Router();
  private final ErrorReplies errors;
  private final FaultInjector faults;
  private final RequestRecorder requests = new RequestRecorder();
  private final StateView state;
  private final AtomicBoolean closed = new AtomicBoolean();
  private HttpServer http;
  private ExecutorService pool;
  private URI url;

  private EmulatorServer(EmulatorSettings config) {
    this.config = config;
    this.errors = new ErrorReplies(config);
    this.faults = new FaultInjector(config.seed());
    this.state = new StateView(store, config.version());
    FlowsApi.register(router, config.version());
    NamespaceFilesApi.register(router, config.version());
    DashboardsApi.register(router, config);
    AppsApi.register(router, config);
    TestsApi.register(router, config);
    ExecutionsApi.register(router);
    NamespacesApi.register(router, config);
  }

  /** Binds {@code 127.0.0.1:<port>} and starts serving. */
  public static EmulatorServer start(EmulatorSettings config) {
    EmulatorServer server = new EmulatorServer(config);
    server.bind();
    return server;
  }

  private void bind() {
    try {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      http = HttpServer.create(new InetSocketAddress(loopback, config.port()), 128);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind 127.0.0.1:" + config.port() + ": " + e.getMessage(), e);
    }
    int port = http.getAddress().getPort();
    pool = Executors.newFixedThreadPool(THREADS, threads("kestra-emulator-" + port + "-"));
    http.setExecutor(pool);
    http.createContext("/", this::handle);
    http.start();
    url = URI.create("http://127.0.0.1:" + port);
  }

  public URI url() {
    return url;
  }

  public EmulatorSettings config() {
    return config;
  }

  public Faults faults() {
    return faults;
  }

  public RequestLog requests() {
    return requests;
  }

  public EmulatorState state() {
    return state;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    http.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- one exchange

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    URI uri = exchange.getRequestURI();
    String rawPath = Optional.ofNullable(uri.getRawPath()).orElse("/");
    String rawQuery = Optional.ofNullable(uri.getRawQuery()).orElse("");
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    List<String> segments;
    Map<String, List<String>> query;
    try {
      segments = decodeSegments(rawPath);
      query = decodeQuery(rawQuery);
    } catch (IllegalArgumentException e) {
      Reply reply = errors.render(ApiException.badRequest("Malformed URI: " + e.getMessage()), rawPath, uri.toString());
      requests.record(method, rawPath, rawQuery, reply.status(), method + " <none>", exchange.getRequestHeaders());
      send(exchange, reply);
      return;
    }
    String path = "/" + String.join("/", segments);
    if (!segments.isEmpty() && segments.get(0).equals("_emulator")) {
      send(exchange, control(method, segments));
      return;
    }
    if (segments.equals(List.of("ping"))) {
      send(exchange, Reply.text(200, "pong"));
      return;
    }
    String target = rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
    // HEAD is answered like GET without a body, as Micronaut does for every GET route.
    boolean head = method.equals("HEAD");
    String routed = head ? "GET" : method;
    Headers requestHeaders = exchange.getRequestHeaders();
    Target resolved = resolve(routed, segments, requestHeaders);

    FaultInjector.Decision decision = faults.decide(method, path);
    if (!decision.latency().isZero()) {
      sleep(decision.latency());
    }
    if (decision.outcome().isPresent() && decision.outcome().get().effect() == Fault.Effect.DROP_CONNECTION) {
      requests.record(method, path, rawQuery, 0, resolved.routeName(), requestHeaders);
      // Throwing from the handler before any response makes the JDK server close the socket.
      throw new IOException("Kestra emulator: injected dropped connection");
    }
    Reply reply;
    if (decision.outcome().isPresent()) {
      reply = errors.render(injected(decision.outcome().get()), path, target);
    } else {
      reply = process(routed, path, target, query, requestHeaders, body, resolved);
    }
    requests.record(method, path, rawQuery, reply.status(), resolved.routeName(), requestHeaders);
    send(exchange, head ? new Reply(reply.status(), reply.headers(), new byte[0]) : reply);
  }

  private ApiException injected(Fault fault) {
    ApiException error = new ApiException(ProblemType.forStatus(fault.effect().status()), "Injected fault");
    if (fault.effect() == Fault.Effect.TOO_MANY_REQUESTS) {
      long seconds = Math.max(0, (fault.retryAfter().toMillis() + 999) / 1000);
      error = error.withHeader("Retry-After", String.valueOf(seconds));
    }
    return error;
  }

  /** Where a request goes, decided before faults so the log can name the route of every request. */
  private record Target(Kind kind, String tenant, Router.Resolution resolution, String routeName) {
  }

  private enum Kind { CONFIGS, API, WRONG_TENANT, OUTSIDE_API }

  private Target resolve(String method, List<String> segments, Headers headers) {
    if (segments.size() < 2 || !segments.get(0).equals("api") || !segments.get(1).equals("v1")) {
      return new Target(Kind.OUTSIDE_API, "", Router.Resolution.none(), method + " <none>");
    }
    List<String> rest = segments.subList(2, segments.size());
    if (rest.equals(List.of(CONFIGS))) {
      return new Target(Kind.CONFIGS, "", Router.Resolution.none(), method + " /api/v1/configs");
    }
    String tenant = "main";
    String base = "/api/v1";
    if (config.mode().tenantInPath()) {
      if (rest.isEmpty()) {
        return new Target(Kind.API, tenant, Router.Resolution.none(), method + " <none>");
      }
      tenant = rest.get(0);
      rest = rest.subList(1, rest.size());
      base = "/api/v1/{tenant}";
      if (!config.enterprise() && !tenant.equals("main")) {
        return new Target(Kind.WRONG_TENANT, tenant, Router.Resolution.none(), method + " <none>");
      }
    }
    Router.Resolution resolution = router.resolve(method, rest, mediaType(headers.getFirst("Content-Type")),
        Router.acceptedTypes(Optional.ofNullable(headers.getFirst("Accept"))));
    String routeBase = base;
    String name = method + " " + resolution.route().map(r -> routeBase + r.template()).orElse("<none>");
    return new Target(Kind.API, tenant, resolution, name);
  }

  private Reply process(String method, String path, String target, Map<String, List<String>> query,
             Headers headers, byte[] body, Target resolved) {
    try {
      // With credentials configured, everything under /api/v1 needs them, configs included (as on
      // 0.20 already); only /ping (and webhooks, not emulated) are open.
      boolean needsAuth = resolved.kind() != Kind.OUTSIDE_API;
      if (needsAuth && !authorized(headers)) {
        throw new ApiException(ProblemType.UNAUTHENTICATED, "");
      }
      return switch (resolved.kind()) {
        case OUTSIDE_API -> throw ApiException.notFound("");
        case CONFIGS -> configs(method, path);
        case WRONG_TENANT -> throw ApiException.badRequest("Tenant must be 'main' for OSS version");
        case API -> dispatch(method, path, query, headers, body, resolved);
      };
    } catch (ApiException e) {
      return errors.render(e, path, target);
    } catch (RuntimeException e) {
      return errors.render(ApiException.internal(String.valueOf(e.getMessage())), path, target);
    }
  }

  private Reply dispatch(String method, String path, Map<String, List<String>> query, Headers headers,
              byte[] body, Target resolved) {
    Router.Resolution resolution = resolved.resolution();
    if (resolution.route().isEmpty()) {
      if (resolution.refusal().isEmpty()) {
        throw ApiException.notFound("");
      }
      Router.Refusal refusal = resolution.refusal().get();
      throw switch (refusal.status()) {
        case 405 -> methodNotAllowed(method, path, refusal.allowed());
        case 415 -> new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content Type ["
            + Optional.ofNullable(headers.getFirst("Content-Type")).orElse("") + "] not allowed. Allowed types: ["
            + refusal.allowed() + "]");
        default -> new ApiException(ProblemType.NOT_ACCEPTABLE, "Specified Accept Types ["
            + Optional.ofNullable(headers.getFirst("Accept")).orElse("") + "] not supported. Supported types: ["
            + refusal.allowed() + "]");
      };
    }
    Call call = new Call(method, path, query, headers, body, resolution.params(), resolved.tenant(), config, store);
    synchronized (store) {
      return resolution.route().get().handler().handle(call);
    }
  }

  private static ApiException methodNotAllowed(String method, String path, String allowed) {
    return new ApiException(ProblemType.METHOD_NOT_ALLOWED,
        "Method [" + method + "] not allowed for URI [" + path + "]. Allowed methods: [" + allowed + "]",
        List.of(), Map.of("Allow", allowed));
  }

  private Reply configs(String method, String path) {
    if (!method.equals("GET")) {
      throw methodNotAllowed(method, path, "GET");
    }
    return Reply.ok(configsJson());
  }

  private boolean authorized(Headers headers) {
    if (!config.authRequired()) {
      return true;
    }
    String value = headers.getFirst("Authorization");
    if (value == null) {
      return false;
    }
    if (value.regionMatches(true, 0, "Basic ", 0, 6) && config.basicAuth().isPresent()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false;
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return false;
      }
      EmulatorSettings.Credentials expected = config.basicAuth().get();
      return same(decoded.substring(0, colon), expected.username())
          & same(decoded.substring(colon + 1), expected.password());
    }
    if (value.regionMatches(true, 0, "Bearer ", 0, 7) && config.apiToken().isPresent()) {
      return same(value.substring(7).trim(), config.apiToken().get());
    }
    return false;
  }

  private static boolean same(String actual, String expected) {
    return MessageDigest.isEqual(actual.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private ObjectNode configsJson() {
    ObjectNode out = Json.object();
    out.put("uuid", "kestra-emulator");
    out.put("version", config.version().text());
    out.put("commitId", "emulator");
    if (config.version().configsNameEdition()) {
      out.put("edition", config.mode().edition());
      out.put("commitDate", "1970-01-01T00:00:00Z");
    }
    out.put("isCustomDashboardsEnabled", config.enterprise() || config.version().ossDashboards());
    out.put("isTaskRunEnabled", false);
    out.put("isAnonymousUsageEnabled", false);
    out.put("isTemplateEnabled", false);
    out.putObject("preview").put("initial", 100).put("max", 5000);
    out.put("isBasicAuthEnabled", config.basicAuth().isPresent());
    out.put("systemNamespace", "system");
    out.putArray("hiddenLabelsPrefixes");
    if (config.version().configsNameEdition()) {
      out.put("isBasicAuthInitialized", config.basicAuth().isPresent());
      out.put("url", url.toString());
    }
    if (config.enterprise()) {
      out.putObject("tenants").put("storageByTenant", false).put("secretByTenant", false);
    }
    return out;
  }

  // ---- control endpoints

  private Reply control(String method, List<String> segments) {
    if (segments.equals(List.of("_emulator", "requests"))) {
      if (method.equals("GET")) {
        return Reply.ok(requests.toJson());
      }
      if (method.equals("DELETE")) {
        requests.clear();
        return Reply.noContent();
      }
      return Reply.text(405, "GET or DELETE").withHeader("Allow", "DELETE, GET");
    }
    return Reply.text(404, "unknown emulator endpoint");
  }

  // ---- plumbing

  private static void send(HttpExchange exchange, Reply reply) {
    try {
      Headers headers = exchange.getResponseHeaders();
      reply.headers().forEach(headers::set);
      byte[] body = reply.body();
      if (body.length == 0) {
        exchange.sendResponseHeaders(reply.status(), -1);
      } else {
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      // The client went away; nothing to tell it.
    } finally {
      exchange.close();
    }
  }

  private static void sleep(Duration latency) throws IOException {
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while injecting latency", e);
    }
  }

  /** Path segments, percent-decoded ({@code +} stays a plus in a path), empty ones dropped. */
  static List<String> decodeSegments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** Query parameters, form-decoded ({@code +} is a space, like Netty's decoder), in order. */
  static Map<String, List<String>> decodeQuery(String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  /** A {@code Content-Type} header's media type, lower case without parameters; empty when absent. */
  static Optional<String> mediaType(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    int semicolon = header.indexOf(';');
    return Optional.of((semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT));
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, prefix + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
