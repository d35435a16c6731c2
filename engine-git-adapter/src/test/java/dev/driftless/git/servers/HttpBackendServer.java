package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * C git's {@code git http-backend} (smart HTTP, protocol v0 and v2) behind a small CGI bridge on
 * the JDK's HTTP server, guarded by HTTP Basic auth with one user and token. Every request needs
 * the credentials (401 with a {@code WWW-Authenticate} challenge otherwise); the authenticated
 * user may fetch and push.
 *
 * <p>The bridge runs one {@code git http-backend} per request with the CGI environment
 * ({@code GIT_PROJECT_ROOT}, {@code PATH_INFO}, {@code REQUEST_METHOD}, {@code QUERY_STRING},
 * {@code CONTENT_TYPE}, {@code CONTENT_LENGTH}, {@code REMOTE_USER}, {@code GIT_PROTOCOL}, ...),
 * inflates gzip request bodies (JGit gzips a POST body whenever that makes it smaller) and turns
 * the CGI {@code Status:} header into the HTTP status.
 */
public final class HttpBackendServer implements AutoCloseable {

  private static final String REALM = "driftless-http-backend";
  private static final long CGI_TIMEOUT_SECONDS = 30;
  private static final Set<String> HOP_BY_HOP = Set.of("status", "content-length", "transfer-encoding", "connection");

  private final Path baseDir;
  private final BasicCredentials credentials;
  private final Path backend;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final ExecutorService pumps;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private final StringBuffer log = new StringBuffer();
  private final AtomicInteger gzipRequests = new AtomicInteger();

  private HttpBackendServer(Path baseDir, BasicCredentials credentials) throws IOException {
    this.baseDir = baseDir;
    this.credentials = credentials;
    this.backend = CGit.program("git-http-backend");
    this.handlers = Executors.newFixedThreadPool(4, daemonThreads("http-backend-handler"));
    this.pumps = Executors.newCachedThreadPool(daemonThreads("http-backend-pump"));
    this.server = HttpServer.create(new InetSocketAddress(Loopback.address(), 0), 16);
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts on a free port of 127.0.0.1 with {@link BasicCredentials#random() random credentials}. */
  public static HttpBackendServer start(Path baseDir) {
    return start(baseDir, BasicCredentials.random());
  }

  /** Starts on a free port of 127.0.0.1; it accepts requests when this returns. */
  public static HttpBackendServer start(Path baseDir, BasicCredentials credentials) {
    Path base = baseDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(base)) {
      throw new IllegalArgumentException("no such directory: " + base);
    }
    try {
      return new HttpBackendServer(base, credentials);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the http-backend bridge", e);
    }
  }

  /** {@code http://127.0.0.1:<port>/<name>.git}. */
  public String url(String repoName) {
    return "http://" + Loopback.HOST + ":" + port() + "/" + BareRepo.plainName(repoName) + ".git";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The only credentials it accepts. */
  public BasicCredentials credentials() {
    return credentials;
  }

  /** How many request bodies arrived gzip-compressed and were inflated. */
  public int gzipRequests() {
    return gzipRequests.get();
  }

  /** What the CGI runs wrote to stderr, and the bridge's own errors, for failure messages. */
  public String log() {
    return log.toString();
  }

  /** Stops accepting, kills CGI runs still going, and stops its threads. */
  @Override
  public void close() {
    server.stop(0);
    running.forEach(Process::destroyForcibly);
    handlers.shutdownNow();
    pumps.shutdownNow();
    try {
      handlers.awaitTermination(Loopback.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      pumps.awaitTermination(Loopback.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "HttpBackendServer[" + Loopback.HOST + ":" + port() + " serving " + baseDir + " for " + credentials + "]";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      if (!credentials.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().set("WWW-Authenticate", BasicCredentials.challenge(REALM));
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      runCgi(exchange);
    } catch (IOException | RuntimeException e) {
      log.append("bridge error on ").append(exchange.getRequestURI().getPath()).append(": ").append(e).append('\n');
      if (exchange.getResponseCode() == -1) {
        exchange.sendResponseHeaders(500, -1);
      }
    } finally {
      exchange.close();
    }
  }

  private void runCgi(HttpExchange exchange) throws IOException {
    byte[] body = requestBody(exchange);
    Headers headers = exchange.getRequestHeaders();

    ProcessBuilder builder = new ProcessBuilder(backend.toString());
    Map<String, String> env = builder.environment();
    env.keySet().retainAll(Set.of("PATH", "LANG", "LC_ALL", "TMPDIR"));
    CGit.isolate(env);
    env.put("GIT_PROJECT_ROOT", baseDir.toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("GIT_CONFIG_COUNT", "1");
    env.put("GIT_CONFIG_KEY_0", "http.receivepack");
    env.put("GIT_CONFIG_VALUE_0", "true");
    env.put("GATEWAY_INTERFACE", "CGI/1.1");
    env.put("SERVER_PROTOCOL", exchange.getProtocol());
    env.put("SERVER_NAME", Loopback.HOST);
    env.put("SERVER_PORT", Integer.toString(port()));
    env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
    env.put("REMOTE_USER", credentials.user());
    env.put("AUTH_TYPE", "Basic");
    env.put("REQUEST_METHOD", exchange.getRequestMethod());
    env.put("PATH_INFO", exchange.getRequestURI().getPath());
    env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
    env.put("CONTENT_LENGTH", Integer.toString(body.length));
    putIfPresent(env, "CONTENT_TYPE", headers.getFirst("Content-Type"));
    putIfPresent(env, "GIT_PROTOCOL", headers.getFirst("Git-Protocol"));
    putIfPresent(env, "HTTP_ACCEPT", headers.getFirst("Accept"));
    putIfPresent(env, "HTTP_USER_AGENT", headers.getFirst("User-Agent"));

    Process process = builder.start();
    running.add(process);
    try {
      Future<?> feeder = pumps.submit(() -> {
        try (OutputStream stdin = process.getOutputStream()) {
          stdin.write(body);
        }
        return null;
      });
      Future<String> stderr = pumps.submit(() -> new String(process.getErrorStream().readAllBytes(), UTF_8));
      InputStream stdout = process.getInputStream();
      int status = 200;
      Headers responseHeaders = exchange.getResponseHeaders();
      for (String line = readHeaderLine(stdout); !line.isEmpty(); line = readHeaderLine(stdout)) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new IOException("bad CGI header line from git http-backend: " + line);
        }
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Status")) {
          status = Integer.parseInt(value.split(" ", 2)[0]);
        } else if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
          responseHeaders.add(name, value);
        }
      }
      boolean noBody = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, noBody ? -1 : 0);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          stdout.transferTo(out);
        }
      }
      if (!process.waitFor(CGI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException("git http-backend did not finish in " + CGI_TIMEOUT_SECONDS + " s");
      }
      feeder.get(CGI_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      String errors = stderr.get(CGI_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!errors.isEmpty() || process.exitValue() != 0) {
        log.append(exchange.getRequestMethod()).append(' ').append(exchange.getRequestURI().getPath())
            .append(" -> exit ").append(process.exitValue()).append(": ").append(errors).append('\n');
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running git http-backend", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("git http-backend I/O failed", e);
    } finally {
      running.remove(process);
      process.destroyForcibly();
    }
  }

  /** The request body, inflated when it was sent gzip-compressed (http-backend gets plain bytes). */
  private byte[] requestBody(HttpExchange exchange) throws IOException {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    try (InputStream raw = exchange.getRequestBody()) {
      if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
        return raw.readAllBytes();
      }
      if (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip")) {
        gzipRequests.incrementAndGet();
        try (InputStream inflated = new GZIPInputStream(raw)) {
          return inflated.readAllBytes();
        }
      }
      throw new IOException("unsupported Content-Encoding " + encoding);
    }
  }

  /** One CGI header line, without its line end; empty at the blank line ending the headers. */
  private static String readHeaderLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("git http-backend ended inside its CGI headers");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(ISO_8859_1);
  }

  private static void putIfPresent(Map<String, String> env, String key, String value) {
    if (value != null) {
      env.put(key, value);
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
