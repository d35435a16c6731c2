package dev.driftless.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One fault-injection rule: on requests matching {@code method} and {@code pathGlob}, with the given
 * probability, add latency, answer with an error status, or drop the connection.
 *
 * <p>Build rules with the static factories and narrow them with {@link #on(String, String)}:
 * <pre>{@code
 * emulator.faults()
 *     .add(Fault.latency(Duration.ofMillis(200)))
 *     .add(Fault.unavailable(0.3).on("GET", "/api/v1/main/flows/**"))
 *     .add(Fault.tooManyRequests(1.0, Duration.ofSeconds(2)).on("POST", "/api/v1/main/flows"));
 * }</pre>
 *
 * @param method      an HTTP method, or {@code *} for any
 * @param pathGlob    the request path pattern: {@code *} matches within a segment, {@code **} across
 *                    segments ({@code /a/**} also matches {@code /a}), {@code ?} one character
 * @param effect      what happens when the rule fires
 * @param probability the chance, in {@code [0, 1]}, that the rule fires on a matching request
 * @param latency     the delay added when a {@link Effect#LATENCY} rule fires; zero otherwise
 * @param retryAfter  the {@code Retry-After} sent with {@link Effect#TOO_MANY_REQUESTS}; zero otherwise
 */
public record Fault(
    String method, String pathGlob, Effect effect, double probability, Duration latency, Duration retryAfter) {

  /** What a fault does. */
  public enum Effect {
    /** Delays the request, then handles it normally. */
    LATENCY(0),
    /** Answers 429 with a {@code Retry-After} header. */
    TOO_MANY_REQUESTS(429),
    /** Answers 404, as a server whose storage wants a file's directories made first does to an upload. */
    NOT_FOUND(404),
    /** Answers 500. */
    INTERNAL_ERROR(500),
    /** Answers 503. */
    SERVICE_UNAVAILABLE(503),
    /** Answers 504. */
    GATEWAY_TIMEOUT(504),
    /** Closes the connection without sending a response; the client sees an I/O error. */
    DROP_CONNECTION(0);

    private final int status;

    Effect(int status) {
      this.status = status;
    }

    /** The HTTP status this effect answers with, or 0 when it answers nothing of its own. */
    public int status() {
      return status;
    }
  }

  public Fault {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathGlob, "pathGlob");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (method.isBlank()) {
      throw new IllegalArgumentException("method must be an HTTP method or *");
    }
    method = method.toUpperCase(Locale.ROOT);
    if (!pathGlob.startsWith("/") && !pathGlob.startsWith("*")) {
      throw new IllegalArgumentException("pathGlob must start with / or *, got " + pathGlob);
    }
    if (!(probability >= 0.0 && probability <= 1.0)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
    }
    if (latency.isNegative() || retryAfter.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /** Delays every request by {@code latency}. */
  public static Fault latency(Duration latency) {
    return new Fault("*", "/**", Effect.LATENCY, 1.0, latency, Duration.ZERO);
  }

  /** Answers 429 with {@code Retry-After} (whole seconds, rounded up) with the given probability. */
  public static Fault tooManyRequests(double probability, Duration retryAfter) {
    return new Fault("*", "/**", Effect.TOO_MANY_REQUESTS, probability, Duration.ZERO, retryAfter);
  }

  /** Answers 404 with the given probability (a route that is there says the thing is not). */
  public static Fault notFound(double probability) {
    return new Fault("*", "/**", Effect.NOT_FOUND, probability, Duration.ZERO, Duration.ZERO);
  }

  /** Answers 500 with the given probability. */
  public static Fault internalError(double probability) {
    return new Fault("*", "/**", Effect.INTERNAL_ERROR, probability, Duration.ZERO, Duration.ZERO);
  }

  /** Answers 503 with the given probability. */
  public static Fault unavailable(double probability) {
    return new Fault("*", "/**", Effect.SERVICE_UNAVAILABLE, probability, Duration.ZERO, Duration.ZERO);
  }

  /** Answers 504 with the given probability. */
  public static Fault gatewayTimeout(double probability) {
    return new Fault("*", "/**", Effect.GATEWAY_TIMEOUT, probability, Duration.ZERO, Duration.ZERO);
  }

  /** Closes the connection without an answer with the given probability. */
  public static Fault dropConnection(double probability) {
    return new Fault("*", "/**", Effect.DROP_CONNECTION, probability, Duration.ZERO, Duration.ZERO);
  }

  /** This rule restricted to one method ({@code *} for any) and a path pattern. */
  public Fault on(String method, String pathGlob) {
    return new Fault(method, pathGlob, effect, probability, latency, retryAfter);
  }

  /** This rule with another probability. */
  public Fault withProbability(double probability) {
    return new Fault(method, pathGlob, effect, probability, latency, retryAfter);
  }

  /** Whether a request with this method and decoded path is subject to the rule. */
  public boolean matches(String requestMethod, String path) {
    return ("*".equals(method) || method.equalsIgnoreCase(requestMethod)) && globMatches(pathGlob, path);
  }

  /**
   * Whether {@code path} matches {@code glob}: {@code *} within a segment, {@code **} across
   * segments ({@code /a/**} also matches {@code /a}), {@code ?} one character. Shared with
   * {@link RequestLog#count(String, String)}.
   */
  public static boolean globMatches(String glob, String path) {
    return toRegex(glob).matcher(path).matches();
  }

  private static Pattern toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '/' && glob.startsWith("/**", i) && (i + 3 == glob.length() || glob.charAt(i + 3) == '/')) {
        regex.append("(?:/.*)?");
        i += 2;
      } else if (c == '*' && glob.startsWith("**", i)) {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
