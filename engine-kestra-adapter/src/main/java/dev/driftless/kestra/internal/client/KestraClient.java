package dev.driftless.kestra.internal.client;

import dev.driftless.kestra.ApiError;
import dev.driftless.kestra.KestraApiException;
import dev.driftless.kestra.KestraAuth;
import dev.driftless.kestra.KestraSettings;
import dev.driftless.port.AccessDeniedException;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.SideUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small client of Kestra's REST API on the JDK's {@link HttpClient}: one method per way of
 * calling ({@link #send} for answers read whole, {@link #download} for streamed ones), auth on every
 * call, retries with backoff and jitter for idempotent calls on 429, 500, 502, 503, 504 and
 * connection failures (honouring {@code Retry-After}), and failures turned into the port's
 * exceptions with messages that say what, where and what to do.
 *
 * <p>401 and 403 are never retried and become {@link AccessDeniedException}s naming the user, never
 * the password or token. Thread-safe.
 */
public final class KestraClient implements AutoCloseable {

  /** Error bodies are read up to this size; the rest is dropped. */
  private static final int MAX_ERROR_BODY = 1 << 20;
  private static final String API_V1 = "/api/v1";

  private final HttpClient http;
  private final ExecutorService executor;
  private final URI base;
  private final String apiPrefix;
  private final KestraAuth auth;
  private final Duration requestTimeout;
  private final Duration callDeadline;
  private final RetryPolicy retry;

  private KestraClient(HttpClient http, ExecutorService executor, URI base, String apiPrefix, KestraAuth auth,
      Duration requestTimeout, Duration callDeadline, RetryPolicy retry) {
    this.http = http;
    this.executor = executor;
    this.base = base;
    this.apiPrefix = apiPrefix;
    this.auth = auth;
    this.requestTimeout = requestTimeout;
    this.callDeadline = callDeadline;
    this.retry = retry;
  }

  /** A client for the server of the settings, calling tenant-less API paths until {@link #forTenant}. */
  public static KestraClient connect(KestraSettings settings) {
    ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("driftless-kestra-http-"));
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor)
        .build();
    Random random = settings.jitterSeed().isPresent() ? new Random(settings.jitterSeed().getAsLong()) : new Random();
    RetryPolicy retry = new RetryPolicy(settings.maxAttempts(), settings.retryBaseDelay(), settings.retryMaxDelay(),
        random);
    return new KestraClient(http, executor, settings.baseUri(), API_V1, settings.auth(), settings.requestTimeout(),
        settings.callDeadline(), retry);
  }

  /** The same client calling {@code /api/v1/<tenant>/...}, or {@code /api/v1/...} without a tenant. */
  public KestraClient forTenant(Optional<String> tenant) {
    String prefix = tenant.map(t -> API_V1 + ApiCall.path(t)).orElse(API_V1);
    return new KestraClient(http, executor, base, prefix, auth, requestTimeout, callDeadline, retry);
  }

  /** The server's address. */
  public URI base() {
    return base;
  }

  /** The API paths' prefix: {@code /api/v1} or {@code /api/v1/<tenant>}. */
  public String apiPrefix() {
    return apiPrefix;
  }

  public KestraAuth auth() {
    return auth;
  }

  public RetryPolicy retry() {
    return retry;
  }

  /** The full path of a call, for messages and origins: {@code /api/v1/main/flows/dev/hello}. */
  public String fullPath(ApiCall call) {
    return (call.root() ? "" : apiPrefix) + call.path();
  }

  /** The full path of an API path below the base: {@code /flows/dev/hello} is {@code /api/v1/main/flows/dev/hello}. */
  public String fullPath(String path) {
    return apiPrefix + path;
  }

  /**
   * Sends a call and returns Kestra's final answer, whatever its status, after retrying what may be
   * retried.
   *
   * @throws AccessDeniedException on 401 and 403
   * @throws SideUnavailableException when Kestra cannot be reached (after the retries an idempotent
   *     call gets)
   */
  public ApiResponse send(ApiCall call) {
    Outcome<byte[]> outcome = exchange(call, InputStream::readAllBytes);
    if (outcome.failure().isPresent()) {
      return outcome.failure().get();
    }
    return new ApiResponse(outcome.status(), outcome.headers(), outcome.value().orElseThrow(), outcome.attempts(),
        Optional.empty());
  }

  /** Sends a call and requires a 2xx answer; anything else becomes the matching exception. */
  public ApiResponse sendOk(ApiCall call) {
    ApiResponse response = send(call);
    if (!response.isSuccess()) {
      throw failure(call, response);
    }
    return response;
  }

  /**
   * Sends a call and reads its successful answer as it streams in; a failure while reading counts
   * as a failed attempt.
   *
   * @throws DriftlessException for any answer that is not 2xx (see {@link #failure})
   */
  public <T> T download(ApiCall call, BodyReader<T> reader) {
    Outcome<T> outcome = exchange(call, reader);
    if (outcome.failure().isPresent()) {
      throw failure(call, outcome.failure().get());
    }
    return outcome.value().orElseThrow();
  }

  /**
   * The exception for an answer that is not a success: {@link SideUnavailableException} for 429 and
   * 5xx (retries did not cure it), {@link KestraApiException} for the rest, with the server's message
   * and field paths.
   */
  public DriftlessException failure(ApiCall call, ApiResponse response) {
    ApiError error = response.error();
    String where = "Kestra at " + base + " answered " + error.describe() + " to " + call.method() + " "
        + fullPath(call);
    if (response.status() == 401 || response.status() == 403) {
      return accessDenied(call, response);
    }
    if (RetryPolicy.RETRYABLE_STATUSES.contains(response.status())) {
      String attempts = response.attempts() > 1 ? " after " + response.attempts() + " attempts" : "";
      return new SideUnavailableException(where + attempts + response.note().map(n -> " (" + n + ")").orElse("")
          + "; try again later", new KestraApiException(where, error));
    }
    return new KestraApiException(where, error);
  }

  @Override
  public void close() {
    // HttpClient is AutoCloseable from Java 21 on; on 17 its threads end with the executor.
    Object client = http;
    if (client instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // nothing more to release
      }
    }
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------

  /** How one call ended: a value read from a 2xx answer, or the final failed answer. */
  private record Outcome<T>(int status, Map<String, List<String>> headers, Optional<T> value,
      Optional<ApiResponse> failure, int attempts) {}

  private <T> Outcome<T> exchange(ApiCall call, BodyReader<T> reader) {
    // One deadline for the whole call, its retries included.
    Instant deadline = Instant.now().plus(callDeadline);
    for (int attempt = 1; ; attempt++) {
      HttpResponse<InputStream> response;
      try {
        response = http.send(request(call, deadline), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        pauseOrThrow(call, attempt, e, deadline);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SideUnavailableException("interrupted while calling Kestra at " + base + ": " + call.method() + " "
            + fullPath(call), e);
      }
      int status = response.statusCode();
      Map<String, List<String>> headers = response.headers().map();
      if (status >= 200 && status < 300) {
        try (InputStream in = response.body()) {
          checkMediaType(call, headers);
          return new Outcome<>(status, headers, Optional.of(within(deadline, in, reader)), Optional.empty(), attempt);
        } catch (IOException e) {
          pauseOrThrow(call, attempt, e, deadline);
          continue;
        }
      }
      byte[] body = errorBody(response.body(), deadline);
      if (status == 401 || status == 403) {
        throw accessDenied(call, new ApiResponse(status, headers, body, attempt, Optional.empty()));
      }
      Optional<String> note = Optional.empty();
      if (call.idempotent() && RetryPolicy.RETRYABLE_STATUSES.contains(status)) {
        Optional<Duration> retryAfter = RetryPolicy.parseRetryAfter(
            ApiResponse.header(headers, "Retry-After"), Instant.now());
        Optional<Duration> delay = retry.allowsAnotherAfter(attempt)
            ? retry.delayAfter(attempt, retryAfter) : Optional.empty();
        if (delay.isPresent() && endsBefore(delay.get(), deadline)) {
          sleep(call, delay.get());
          continue;
        }
        if (retryAfter.isPresent() && retryAfter.get().compareTo(retry.maxDelay()) > 0) {
          note = Optional.of("Kestra asked to wait " + retryAfter.get().toSeconds()
              + " s (Retry-After), longer than the retry limit of " + retry.maxDelay().toMillis() + " ms");
        }
      }
      return new Outcome<>(status, headers, Optional.empty(),
          Optional.of(new ApiResponse(status, headers, body, attempt, note)), attempt);
    }
  }

  private void pauseOrThrow(ApiCall call, int attempt, IOException cause, Instant deadline) {
    boolean again = call.idempotent() && retry.allowsAnotherAfter(attempt);
    if (again) {
      Duration delay = retry.delayAfter(attempt, Optional.empty()).orElseThrow();
      if (endsBefore(delay, deadline)) {
        sleep(call, delay);
        return;
      }
    }
    String attempts = (attempt > 1 ? " after " + attempt + " attempts" : "")
        + (again ? ", the call deadline of " + describe(callDeadline) + " (callDeadline) leaving no time for another"
            : "");
    String what = cause instanceof HttpTimeoutException ? "did not answer in time"
        : cause instanceof ConnectException ? "could not be reached"
        : cause instanceof IncompleteAnswerException ? "sent an answer that cannot be used" : "broke the connection";
    throw new SideUnavailableException("Kestra at " + base + " " + what + " (" + call.method() + " " + fullPath(call)
        + attempts + "): " + describe(cause) + (call.idempotent() ? "" : "; the call was not repeated because it is"
        + " not safe to repeat"), cause);
  }

  /**
   * A transport failure in words, never an exception's name: the JDK's client often throws without
   * a message, or with a cause such as {@code ClosedChannelException} when nothing listens.
   */
  static String describe(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.http.HttpConnectTimeoutException) {
        return "the connection timed out";
      }
      if (cause instanceof java.net.ConnectException) {
        return "connection refused (is the server running, and is the url right?)";
      }
      if (cause instanceof java.nio.channels.ClosedChannelException) {
        return "the connection was closed (refused or dropped: is the server running, and is the url right?)";
      }
      if (cause instanceof java.net.http.HttpTimeoutException) {
        return "no answer within the request timeout";
      }
      if (cause instanceof java.net.UnknownHostException) {
        return "unknown host" + (cause.getMessage() == null ? "" : " " + cause.getMessage());
      }
      if (cause instanceof javax.net.ssl.SSLException) {
        return "the TLS handshake failed" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
      }
      if (cause instanceof java.io.EOFException) {
        return "the server closed the connection";
      }
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && !message.isBlank() && !message.equals(String.valueOf(cause.getCause()))) {
        return message;
      }
    }
    return "the connection failed";
  }

  private void sleep(ApiCall call, Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SideUnavailableException("interrupted while waiting to retry " + call.method() + " " + fullPath(call)
          + " on Kestra at " + base, e);
    }
  }

  private AccessDeniedException accessDenied(ApiCall call, ApiResponse response) {
    String on = " (" + response.status() + " on " + call.method() + " " + fullPath(call) + ")";
    KestraApiException cause = new KestraApiException("Kestra answered " + response.status(), response.error());
    if (response.status() == 403) {
      return new AccessDeniedException("Kestra at " + base + " denied " + auth.principal() + " access" + on
          + ": the credentials were accepted but lack the permission for this call", cause);
    }
    String message = switch (authScheme()) {
      case "basic" -> "Kestra at " + base + " refused the credentials for " + auth.principal() + on
          + ": check the user name and password";
      case "token" -> "Kestra at " + base + " refused the API token" + on + ": check that it is valid and not expired";
      default -> "Kestra at " + base + " requires credentials" + on + ": set auth to Basic (user and password) or an"
          + " API token";
    };
    return new AccessDeniedException(message, cause);
  }

  private String authScheme() {
    return auth.authorizationHeader().map(h -> h.startsWith("Basic ") ? "basic" : "token").orElse("none");
  }

  /** Whether a pause of this long, and a little time for one more attempt, ends before the deadline. */
  private static boolean endsBefore(Duration pause, Instant deadline) {
    return Instant.now().plus(pause).plusMillis(10).isBefore(deadline);
  }

  /** A duration in words: {@code 300 ms}, {@code 30 s}, {@code 5 min}. */
  static String describe(Duration duration) {
    if (duration.toMillis() < 1000 || duration.toMillis() % 1000 != 0) {
      return duration.toMillis() + " ms";
    }
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }

  private HttpRequest request(ApiCall call, Instant deadline) {
    String query = call.encodedQuery();
    URI uri = URI.create(base + fullPath(call) + (query.isEmpty() ? "" : "?" + query));
    Duration left = Duration.between(Instant.now(), deadline);
    left = left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    Duration headersBy = requestTimeout.compareTo(left) < 0 ? requestTimeout : left;
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(headersBy);
    // The Accept of the operation and nothing else: Kestra routes by it (see Operation).
    call.operation().accept().ifPresent(accept -> builder.header("Accept", accept));
    auth.authorizationHeader().ifPresent(h -> builder.header("Authorization", h));
    if (call.body().isPresent()) {
      ApiCall.Body body = call.body().get();
      builder.header("Content-Type", body.contentType());
      builder.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    } else {
      builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    return builder.build();
  }

  private byte[] errorBody(InputStream in, Instant deadline) {
    try (in) {
      return within(deadline, in, body -> body.readNBytes(MAX_ERROR_BODY));
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /**
   * Reads an answer's body by the call's deadline. The body is read on another thread, so that a
   * server sending it a byte at a time (or not at all) is cut off at the deadline: its stream is
   * closed, and what it sent counts for nothing.
   */
  private <T> T within(Instant deadline, InputStream in, BodyReader<T> reader) throws IOException {
    java.util.concurrent.Future<T> reading = executor.submit(() -> reader.read(in));
    try {
      long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
      return reading.get(left, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      reading.cancel(true);
      in.close();
      throw new IncompleteAnswerException("the answer did not arrive in full within the call deadline of "
          + describe(callDeadline) + " (callDeadline)");
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      reading.cancel(true);
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while reading an answer of Kestra at " + base);
    }
  }

  /**
   * A successful answer must be of the kind its operation produces: a ZIP export that comes back as
   * an HTML page (a login or maintenance page in front of Kestra) or as JSON is not an empty export.
   */
  private static void checkMediaType(ApiCall call, Map<String, List<String>> headers) throws IOException {
    Optional<String> expected = call.operation().accept();
    Optional<String> actual = ApiResponse.header(headers, "Content-Type").map(Operation::mediaType);
    if (expected.isEmpty() || actual.isEmpty()) {
      return;
    }
    String got = actual.get();
    boolean fits = expected.get().equals(Operation.Media.OCTET_STREAM)
        ? got.equals("application/octet-stream") || got.equals("application/zip")
            || got.equals("application/x-zip-compressed")
        : got.equals("application/json") || got.endsWith("+json");
    if (!fits) {
      throw new IncompleteAnswerException("Kestra answered " + got + " where " + expected.get() + " was expected"
          + (got.startsWith("text/html") ? " (an HTML page: a login or maintenance page in front of Kestra?)" : ""));
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, prefix + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
